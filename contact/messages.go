package contact

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "contact.contact.state.open", EN: "open", RU: "открыто"},
		i18n.Msg{Key: "contact.contact.state.analyzed", EN: "in progress", RU: "в работе"},
		i18n.Msg{Key: "contact.contact.state.responded", EN: "awaiting customer", RU: "ожидает клиента"},
		i18n.Msg{Key: "contact.contact.state.resolved", EN: "resolved", RU: "решено"},
		i18n.Msg{Key: "contact.contact.state.closed", EN: "closed", RU: "закрыто"},
		i18n.Msg{Key: "contact.contact.action.analyze", EN: "analyze", RU: "проанализировать"},
		i18n.Msg{Key: "contact.contact.action.respond", EN: "respond", RU: "ответить"},
		i18n.Msg{Key: "contact.contact.action.customer_reply", EN: "customer reply", RU: "ответ клиента"},
		i18n.Msg{Key: "contact.contact.action.resolve", EN: "resolve", RU: "решить"},
		i18n.Msg{Key: "contact.contact.action.reopen", EN: "reopen", RU: "открыть повторно"},
		i18n.Msg{Key: "contact.contact.action.close", EN: "close", RU: "закрыть"},

		i18n.Msg{Key: "contact.opportunity.state.captured", EN: "captured", RU: "зафиксирована"},
		i18n.Msg{Key: "contact.opportunity.state.delivered", EN: "delivered to sales", RU: "передана в продажи"},
		i18n.Msg{Key: "contact.opportunity.state.accepted", EN: "accepted", RU: "принята"},
		i18n.Msg{Key: "contact.opportunity.state.declined", EN: "declined", RU: "отклонена"},
		i18n.Msg{Key: "contact.opportunity.state.won", EN: "won", RU: "выиграна"},
		i18n.Msg{Key: "contact.opportunity.state.lost", EN: "lost", RU: "проиграна"},
		i18n.Msg{Key: "contact.opportunity.action.deliver", EN: "deliver to sales", RU: "передать в продажи"},
		i18n.Msg{Key: "contact.opportunity.action.accept", EN: "accept", RU: "принять"},
		i18n.Msg{Key: "contact.opportunity.action.decline", EN: "decline", RU: "отклонить"},
		i18n.Msg{Key: "contact.opportunity.action.win", EN: "mark won", RU: "отметить выигрыш"},
		i18n.Msg{Key: "contact.opportunity.action.lose", EN: "mark lost", RU: "отметить проигрыш"},

		i18n.Msg{Key: "contact.type.problem", EN: "problem", RU: "проблема"},
		i18n.Msg{Key: "contact.type.request", EN: "request", RU: "запрос"},
		i18n.Msg{Key: "contact.type.inquiry", EN: "inquiry", RU: "вопрос"},

		i18n.Msg{Key: "contact.reply.received", EN: "Dear customer, we have received your message “%[1]s” and will answer shortly.", RU: "Уважаемый клиент, мы получили ваше сообщение «%[1]s» и скоро ответим."},
		i18n.Msg{Key: "contact.reply.resolved", EN: "Your request “%[1]s” is resolved: %[2]s.", RU: "Ваше обращение «%[1]s» решено: %[2]s."},

		i18n.Msg{Key: "contact.err.customer", EN: "the customer is not identified", RU: "клиент не указан"},
		i18n.Msg{Key: "contact.err.empty", EN: "the message is empty", RU: "сообщение пустое"},
		i18n.Msg{Key: "contact.err.type", EN: "%[1]q is not a contact type (problem, request, inquiry)", RU: "%[1]q — не тип обращения (проблема, запрос, вопрос)"},
		i18n.Msg{Key: "contact.err.category", EN: "the category is not set", RU: "категория не указана"},
		i18n.Msg{Key: "contact.err.priority", EN: "%[1]q is not a priority", RU: "%[1]q — не приоритет"},
		i18n.Msg{Key: "contact.err.resolution", EN: "the resolution is not described", RU: "решение не описано"},
		i18n.Msg{Key: "contact.err.link_kind", EN: "%[1]q is not a kind of case a contact can turn into", RU: "%[1]q — не вид дела, в которое может перейти обращение"},
		i18n.Msg{Key: "contact.err.consent", EN: "the customer has not agreed to be contacted by sales", RU: "клиент не дал согласия на связь с отделом продаж"},
		i18n.Msg{Key: "contact.err.product", EN: "the product is not named", RU: "продукт не указан"},
		i18n.Msg{Key: "contact.err.opp_kind", EN: "%[1]q is not upsell or cross_sell", RU: "%[1]q — не upsell и не cross_sell"},
		i18n.Msg{Key: "contact.err.value", EN: "the value must be a non-negative amount with a currency", RU: "сумма должна быть неотрицательной и с валютой"},
		i18n.Msg{Key: "contact.err.agent", EN: "the agent who found the opportunity is not named", RU: "не указан оператор, нашедший возможность"},
		i18n.Msg{Key: "contact.err.closed", EN: "the contact is closed", RU: "обращение закрыто"},
		i18n.Msg{Key: "contact.err.opportunity_not_found", EN: "opportunity %[1]s not found", RU: "возможность продажи %[1]s не найдена"},
		i18n.Msg{Key: "contact.err.opp_action", EN: "%[1]q is not an outcome", RU: "%[1]q — не результат"},
		i18n.Msg{Key: "contact.err.message_key", EN: "the response message %[1]q is not in the catalog", RU: "ответного сообщения %[1]q нет в каталоге"},
		i18n.Msg{Key: "contact.err.encode", EN: "the contact could not be encoded", RU: "не удалось закодировать обращение"},
		i18n.Msg{Key: "contact.err.decode", EN: "stored contact %[1]s is damaged", RU: "сохранённое обращение %[1]s повреждено"},
		i18n.Msg{Key: "contact.err.state_unknown", EN: "%[1]q is not a known state", RU: "%[1]q — неизвестное состояние"},
		i18n.Msg{Key: "contact.err.schema_newer", EN: "the contact was stored by newer code (schema %[1]d, this code knows %[2]d)", RU: "обращение сохранено более новой версией (схема %[1]d, эта версия знает %[2]d)"},
	)
}
