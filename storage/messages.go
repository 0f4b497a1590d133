package storage

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "storage.err.not_found", EN: "%[1]s %[2]s was not found", RU: "%[1]s %[2]s не найден(а)"},
		i18n.Msg{Key: "storage.err.exists", EN: "%[1]s %[2]s already exists", RU: "%[1]s %[2]s уже существует"},
		i18n.Msg{Key: "storage.err.stale", EN: "%[1]s %[2]s was changed by someone else (version %[3]d expected, %[4]d stored); reload and try again", RU: "%[1]s %[2]s изменён(а) кем-то другим (ожидалась версия %[3]d, сохранена %[4]d); обновите данные и повторите"},
		i18n.Msg{Key: "storage.err.kind_invalid", EN: "%[1]q is not a valid document kind", RU: "%[1]q — недопустимый вид документа"},
		i18n.Msg{Key: "storage.err.version_negative", EN: "the expected version %[1]d is negative", RU: "ожидаемая версия %[1]d отрицательна"},
		i18n.Msg{Key: "storage.err.too_large", EN: "the document has %[1]d bytes; at most %[2]d are allowed", RU: "размер документа %[1]d байт; допускается не более %[2]d"},
		i18n.Msg{Key: "storage.err.body_json", EN: "the document body is not a JSON object", RU: "тело документа не является объектом JSON"},
		i18n.Msg{Key: "storage.err.index_count", EN: "the document has %[1]d index fields; at most %[2]d are allowed", RU: "у документа %[1]d индексных полей; допускается не более %[2]d"},
		i18n.Msg{Key: "storage.err.field_invalid", EN: "%[1]q is not a valid index field name", RU: "%[1]q — недопустимое имя индексного поля"},
		i18n.Msg{Key: "storage.err.field_unknown", EN: "%[2]s has no index field %[1]q", RU: "у %[2]s нет индексного поля %[1]q"},
		i18n.Msg{Key: "storage.err.field_type", EN: "the index field %[1]q takes a %[2]s", RU: "индексное поле %[1]q имеет тип %[2]s"},
		i18n.Msg{Key: "storage.err.value_too_long", EN: "the value of %[1]q is longer than %[2]d bytes", RU: "значение %[1]q длиннее %[2]d байт"},
		i18n.Msg{Key: "storage.err.value_invalid", EN: "the value of %[1]q is not valid", RU: "недопустимое значение %[1]q"},
		i18n.Msg{Key: "storage.err.event_tenant", EN: "an event of tenant %[1]q cannot be saved with a document of tenant %[2]q", RU: "событие арендатора %[1]q нельзя сохранить с документом арендатора %[2]q"},
		i18n.Msg{Key: "storage.err.event_type", EN: "an event has no type", RU: "у события не указан тип"},
		i18n.Msg{Key: "storage.err.event_payload", EN: "the payload of event %[1]s is not valid JSON", RU: "данные события %[1]s — недопустимый JSON"},
		i18n.Msg{Key: "storage.err.limit", EN: "the page size %[1]d is out of range (1–%[2]d)", RU: "размер страницы %[1]d вне допустимого диапазона (1–%[2]d)"},
		i18n.Msg{Key: "storage.err.query_values", EN: "the condition on %[1]q with %[2]s has the wrong number or type of values", RU: "в условии на %[1]q с операцией %[2]s неверное число или тип значений"},
		i18n.Msg{Key: "storage.err.query_op", EN: "%[1]q is not a query operator", RU: "%[1]q — не оператор запроса"},
		i18n.Msg{Key: "storage.err.cursor", EN: "the page cursor is not valid", RU: "недопустимый курсор страницы"},
		i18n.Msg{Key: "storage.err.schema_newer", EN: "%[1]s was stored with schema version %[2]d, newer than this program's %[3]d", RU: "%[1]s сохранён(а) в версии схемы %[2]d, новее версии этой программы (%[3]d)"},
		i18n.Msg{Key: "storage.err.utf8", EN: "the %[1]s is not valid UTF-8 text", RU: "%[1]s — недопустимый текст в UTF-8"},
		i18n.Msg{Key: "storage.err.busy", EN: "%[1]s %[2]s was being saved by someone else at the same time; try again", RU: "%[1]s %[2]s одновременно сохранял(а) кто-то другой; повторите попытку"},
		i18n.Msg{Key: "storage.err.tenant_mixed", EN: "a document of tenant %[1]q cannot be saved together with one of tenant %[2]q", RU: "документ арендатора %[1]q нельзя сохранить вместе с документом арендатора %[2]q"},
		i18n.Msg{Key: "storage.err.write_duplicate", EN: "%[1]s %[2]s appears twice in one save", RU: "%[1]s %[2]s встречается дважды в одном сохранении"},
		i18n.Msg{Key: "storage.err.journal_ahead", EN: "position %[1]d is ahead of the journal, which ends at %[2]d", RU: "позиция %[1]d впереди журнала, который заканчивается на %[2]d"},
	)
}
