package sqlstore

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "sqlstore.err.no_db", EN: "no database was given to the SQL store", RU: "SQL-хранилищу не передана база данных"},
		i18n.Msg{Key: "sqlstore.err.dialect", EN: "%[1]s is not a supported SQL dialect", RU: "%[1]s — неподдерживаемый диалект SQL"},
		i18n.Msg{Key: "sqlstore.err.composite", EN: "the composite index of %[1]q on %[2]q ordered by %[3]q is not valid (a kind, two different field names, declared once)", RU: "составной индекс %[1]q по %[2]q с порядком по %[3]q недопустим (нужны вид документа и два разных имени полей, объявленные один раз)"},
		i18n.Msg{Key: "sqlstore.err.ident", EN: "%[1]q is not a valid schema or table prefix (lower case letters, digits and _, starting with a letter)", RU: "%[1]q — недопустимое имя схемы или префикс таблиц (строчные латинские буквы, цифры и _, первой — буква)"},
	)
}
