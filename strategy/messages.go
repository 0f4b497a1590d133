package strategy

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		// Errors.
		i18n.Msg{Key: "strategy.err.channel", EN: "Unknown channel %[1]q.", RU: "Неизвестный канал %[1]q."},
		i18n.Msg{Key: "strategy.err.attr", EN: "Unknown customer attribute %[1]q: use key_account, tier, revenue, region, product_line, language or attr.<name>.", RU: "Неизвестный признак клиента %[1]q: используйте key_account, tier, revenue, region, product_line, language или attr.<имя>."},
		i18n.Msg{Key: "strategy.err.values", EN: "The condition on %[1]s has the wrong number of values.", RU: "В условии по признаку %[1]s неверное число значений."},
		i18n.Msg{Key: "strategy.err.op", EN: "The operator %[1]s cannot be used with %[2]s.", RU: "Оператор %[1]s нельзя применять к признаку %[2]s."},
		i18n.Msg{Key: "strategy.err.money", EN: "Invalid amount %[1]q: write it as \"250000 EUR\".", RU: "Неверная сумма %[1]q: укажите её как «250000 RUB»."},
		i18n.Msg{Key: "strategy.err.bool", EN: "Invalid value %[1]q: use true or false.", RU: "Неверное значение %[1]q: укажите true или false."},
		i18n.Msg{Key: "strategy.err.id", EN: "An ID is required.", RU: "Нужен идентификатор."},
		i18n.Msg{Key: "strategy.err.version", EN: "Invalid version %[1]d: versions start at 1.", RU: "Неверная версия %[1]d: версии начинаются с 1."},
		i18n.Msg{Key: "strategy.err.effective", EN: "The effective period is missing or ends before it starts.", RU: "Период действия не указан или заканчивается раньше, чем начинается."},
		i18n.Msg{Key: "strategy.err.name", EN: "A name is required.", RU: "Нужно имя."},
		i18n.Msg{Key: "strategy.err.duplicate", EN: "%[1]s is declared twice.", RU: "%[1]s объявлен дважды."},
		i18n.Msg{Key: "strategy.err.unknown_policy", EN: "Unknown service-level policy %[1]q.", RU: "Неизвестная политика уровня обслуживания %[1]q."},
		i18n.Msg{Key: "strategy.err.unknown_calendar", EN: "Unknown calendar %[1]q.", RU: "Неизвестный календарь %[1]q."},
		i18n.Msg{Key: "strategy.err.no_default", EN: "The segments need a default segment for customers no rule matches.", RU: "Нужен сегмент по умолчанию для клиентов, к которым не подошло ни одно правило."},
		i18n.Msg{Key: "strategy.err.unknown_segment", EN: "Unknown segment %[1]q.", RU: "Неизвестный сегмент %[1]q."},
		i18n.Msg{Key: "strategy.err.empty_rule", EN: "Rule %[1]s has no conditions.", RU: "В правиле %[1]s нет условий."},
		i18n.Msg{Key: "strategy.err.percent", EN: "%[1]d%% is not a percentage between 0 and 100.", RU: "%[1]d%% — не процент от 0 до 100."},
		i18n.Msg{Key: "strategy.err.negative", EN: "%[1]d must not be negative.", RU: "%[1]d не может быть отрицательным."},
		i18n.Msg{Key: "strategy.err.tone", EN: "Unknown tone %[1]q: use formal, friendly or neutral.", RU: "Неизвестный тон %[1]q: укажите formal, friendly или neutral."},
		i18n.Msg{Key: "strategy.err.title", EN: "The document needs an English title.", RU: "У документа должно быть название на английском."},
		i18n.Msg{Key: "strategy.err.section", EN: "Section key %[1]q is empty or repeated.", RU: "Ключ раздела %[1]q пуст или повторяется."},
		i18n.Msg{Key: "strategy.err.document", EN: "No version of document %[1]s is in effect then.", RU: "Ни одна версия документа %[1]s в это время не действует."},
		i18n.Msg{Key: "strategy.err.channel_not_offered", EN: "Channel %[1]s is not offered to segment %[2]s.", RU: "Канал %[1]s не предоставляется сегменту %[2]s."},

		i18n.Msg{Key: "strategy.err.stored", EN: "The stored strategy is damaged.", RU: "Сохранённая стратегия повреждена."},
		i18n.Msg{Key: "strategy.err.encode", EN: "The strategy cannot be stored.", RU: "Стратегию невозможно сохранить."},
		i18n.Msg{Key: "strategy.err.version_not_found", EN: "Strategy %[1]s version %[2]d was not found.", RU: "Стратегия %[1]s версии %[2]d не найдена."},
		i18n.Msg{Key: "strategy.err.not_draft", EN: "Only a draft can be edited.", RU: "Изменять можно только черновик."},
		i18n.Msg{Key: "strategy.err.none_effective", EN: "No version of strategy %[1]s is in force then.", RU: "Ни одна версия стратегии %[1]s в это время не действует."},

		// Lifecycle labels.
		i18n.Msg{Key: "strategy.version.state.draft", EN: "draft", RU: "черновик"},
		i18n.Msg{Key: "strategy.version.state.active", EN: "active", RU: "действует"},
		i18n.Msg{Key: "strategy.version.state.retired", EN: "retired", RU: "выведена из действия"},
		i18n.Msg{Key: "strategy.version.action.activate", EN: "activate", RU: "ввести в действие"},
		i18n.Msg{Key: "strategy.version.action.retire", EN: "retire", RU: "вывести из действия"},

		// Channels.
		i18n.Msg{Key: "strategy.channel.phone", EN: "phone", RU: "телефон"},
		i18n.Msg{Key: "strategy.channel.email", EN: "email", RU: "электронная почта"},
		i18n.Msg{Key: "strategy.channel.chat", EN: "chat", RU: "чат"},
		i18n.Msg{Key: "strategy.channel.web_form", EN: "web form", RU: "веб-форма"},
		i18n.Msg{Key: "strategy.channel.self_service", EN: "self-service", RU: "самообслуживание"},
		i18n.Msg{Key: "strategy.channel.point_of_sale", EN: "point of sale", RU: "точка продаж"},
		i18n.Msg{Key: "strategy.channel.warranty_centre", EN: "warranty centre", RU: "гарантийный центр"},
		i18n.Msg{Key: "strategy.channel.field_service", EN: "field service", RU: "выездное обслуживание"},

		// Segmentation reasons.
		i18n.Msg{Key: "strategy.reason.rule", EN: "rule %[1]s placed the customer in segment %[2]s: %[3]s", RU: "правило %[1]s отнесло клиента к сегменту %[2]s: %[3]s"},
		i18n.Msg{Key: "strategy.reason.default", EN: "no rule matched, so the customer is in the default segment %[1]s", RU: "ни одно правило не подошло, поэтому клиент в сегменте по умолчанию %[1]s"},
		i18n.Msg{Key: "strategy.cond", EN: "%[1]s %[2]s %[3]s (customer: %[4]s)", RU: "%[1]s %[2]s %[3]s (у клиента: %[4]s)"},
		i18n.Msg{Key: "strategy.op.eq", EN: "is", RU: "равно"},
		i18n.Msg{Key: "strategy.op.ne", EN: "is not", RU: "не равно"},
		i18n.Msg{Key: "strategy.op.in", EN: "is one of", RU: "одно из"},
		i18n.Msg{Key: "strategy.op.gte", EN: "is at least", RU: "не меньше"},
		i18n.Msg{Key: "strategy.op.gt", EN: "is above", RU: "больше"},
		i18n.Msg{Key: "strategy.op.lte", EN: "is at most", RU: "не больше"},
		i18n.Msg{Key: "strategy.op.lt", EN: "is below", RU: "меньше"},
		i18n.Msg{Key: "strategy.op.has", EN: "includes one of", RU: "включает одно из"},
		i18n.Msg{Key: "strategy.attr.key_account", EN: "key account", RU: "ключевой клиент"},
		i18n.Msg{Key: "strategy.attr.tier", EN: "tier", RU: "уровень"},
		i18n.Msg{Key: "strategy.attr.revenue", EN: "revenue", RU: "выручка"},
		i18n.Msg{Key: "strategy.attr.region", EN: "region", RU: "регион"},
		i18n.Msg{Key: "strategy.attr.product_line", EN: "product lines", RU: "линейки продуктов"},
		i18n.Msg{Key: "strategy.attr.language", EN: "language", RU: "язык"},
		i18n.Msg{Key: "strategy.attr.custom", EN: "%[1]s", RU: "%[1]s"},

		// Experience standards.
		i18n.Msg{Key: "strategy.dev.transfers", Plural: 1, EN: "%[1]d transfer, more than the %[2]d allowed|%[1]d transfers, more than the %[2]d allowed", RU: "%[1]d перевод, больше допустимых %[2]d|%[1]d перевода, больше допустимых %[2]d|%[1]d переводов, больше допустимых %[2]d|%[1]d перевода, больше допустимых %[2]d"},
		i18n.Msg{Key: "strategy.dev.self_service", EN: "self-service was not offered first", RU: "самообслуживание не было предложено первым"},
		i18n.Msg{Key: "strategy.dev.tone", EN: "tone was %[1]s instead of %[2]s", RU: "тон был «%[1]s» вместо «%[2]s»"},
		i18n.Msg{Key: "strategy.tone.formal", EN: "formal", RU: "официальный"},
		i18n.Msg{Key: "strategy.tone.friendly", EN: "friendly", RU: "дружелюбный"},
		i18n.Msg{Key: "strategy.tone.neutral", EN: "neutral", RU: "нейтральный"},

		// Document diffs.
		i18n.Msg{Key: "strategy.diff.title", EN: "title changed (%[1]s)", RU: "изменено название (%[1]s)"},
		i18n.Msg{Key: "strategy.diff.summary", EN: "summary changed (%[1]s)", RU: "изменено краткое содержание (%[1]s)"},
		i18n.Msg{Key: "strategy.diff.effective", EN: "effective dates changed", RU: "изменены даты действия"},
		i18n.Msg{Key: "strategy.diff.section.added", EN: "section %[1]s added (%[2]s)", RU: "добавлен раздел %[1]s (%[2]s)"},
		i18n.Msg{Key: "strategy.diff.section.removed", EN: "section %[1]s removed (%[2]s)", RU: "удалён раздел %[1]s (%[2]s)"},
		i18n.Msg{Key: "strategy.diff.section.changed", EN: "section %[1]s changed (%[2]s)", RU: "изменён раздел %[1]s (%[2]s)"},
	)
}
