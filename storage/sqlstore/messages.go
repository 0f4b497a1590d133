package sqlstore

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "sqlstore.err.no_db", EN: "no database was given to the SQL store", RU: "SQL-хранилищу не передана база данных"},
		i18n.Msg{Key: "sqlstore.err.dialect", EN: "%[1]s is not a supported SQL dialect", RU: "%[1]s — неподдерживаемый диалект SQL"},
		i18n.Msg{Key: "sqlstore.err.ident", EN: "%[1]q is not a valid schema or table prefix (lower case letters, digits and _, starting with a letter)", RU: "%[1]q — недопустимое имя схемы или префикс таблиц (строчные латинские буквы, цифры и _, первой — буква)"},
	)
}
