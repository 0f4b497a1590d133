package service

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "service.order.state.requested", EN: "requested", RU: "заявка принята"},
		i18n.Msg{Key: "service.order.state.scheduled", EN: "scheduled", RU: "запланирован"},
		i18n.Msg{Key: "service.order.state.in_progress", EN: "in progress", RU: "в работе"},
		i18n.Msg{Key: "service.order.state.incomplete", EN: "incomplete, another visit needed", RU: "не завершён, нужен повторный выезд"},
		i18n.Msg{Key: "service.order.state.completed", EN: "completed", RU: "выполнен"},
		i18n.Msg{Key: "service.order.state.feedback_requested", EN: "feedback requested", RU: "запрошен отзыв"},
		i18n.Msg{Key: "service.order.state.closed", EN: "closed", RU: "закрыт"},
		i18n.Msg{Key: "service.order.state.cancelled", EN: "cancelled", RU: "отменён"},
		i18n.Msg{Key: "service.order.action.schedule", EN: "schedule", RU: "запланировать"},
		i18n.Msg{Key: "service.order.action.reschedule", EN: "reschedule", RU: "перенести"},
		i18n.Msg{Key: "service.order.action.start", EN: "start work", RU: "начать работу"},
		i18n.Msg{Key: "service.order.action.complete", EN: "complete", RU: "завершить"},
		i18n.Msg{Key: "service.order.action.leave_incomplete", EN: "leave incomplete", RU: "оставить незавершённым"},
		i18n.Msg{Key: "service.order.action.solicit_feedback", EN: "ask for feedback", RU: "запросить отзыв"},
		i18n.Msg{Key: "service.order.action.record_feedback", EN: "record feedback", RU: "учесть отзыв"},
		i18n.Msg{Key: "service.order.action.close", EN: "close", RU: "закрыть"},
		i18n.Msg{Key: "service.order.action.cancel", EN: "cancel", RU: "отменить"},

		i18n.Msg{Key: "service.plan.no_skill", EN: "no technician has the skills", RU: "ни у одного специалиста нет нужных навыков"},
		i18n.Msg{Key: "service.plan.no_capacity", EN: "no skilled technician has time that day", RU: "у специалистов с нужными навыками нет времени в этот день"},
		i18n.Msg{Key: "service.notice.visits", Plural: 1, EN: "%[1]d visit planned for %[2]s|%[1]d visits planned for %[2]s", RU: "%[1]d выезд запланирован для %[2]s|%[1]d выезда запланировано для %[2]s|%[1]d выездов запланировано для %[2]s|%[1]d выезда запланировано для %[2]s"},
		i18n.Msg{Key: "service.notice.quality", EN: "awaiting feedback: %[1]d, incomplete: %[2]d, first-time fix: %[3]d of %[4]d", RU: "ждут отзыва: %[1]d, не завершены: %[2]d, устранено с первого раза: %[3]d из %[4]d"},
		i18n.Msg{Key: "service.notice.cost", EN: "parts %[1]s, labour %[2]s, customer pays %[3]s", RU: "запчасти %[1]s, работа %[2]s, к оплате клиентом %[3]s"},

		i18n.Msg{Key: "service.err.period", EN: "the period must end after it starts", RU: "период должен заканчиваться позже, чем начинается"},
		i18n.Msg{Key: "service.err.technician", EN: "technician %[1]q has no ID or no working calendar", RU: "у специалиста %[1]q нет идентификатора или рабочего календаря"},
		i18n.Msg{Key: "service.err.skills", EN: "technician %[1]s lacks the skills this order needs", RU: "у специалиста %[1]s нет навыков, нужных для этого заказа"},
		i18n.Msg{Key: "service.err.outside_calendar", EN: "technician %[1]s does not work for the whole visit starting %[2]s", RU: "специалист %[1]s не работает всё время выезда, начинающегося %[2]s"},
		i18n.Msg{Key: "service.err.duration", EN: "the duration %[1]s must be whole minutes, from 1 minute to 24 hours", RU: "длительность %[1]s должна быть в целых минутах, от 1 минуты до 24 часов"},
		i18n.Msg{Key: "service.err.customer", EN: "the customer is not named", RU: "клиент не указан"},
		i18n.Msg{Key: "service.err.product", EN: "the product is not named", RU: "изделие не указано"},
		i18n.Msg{Key: "service.err.priority", EN: "%[1]q is not a priority", RU: "%[1]q — не приоритет"},
		i18n.Msg{Key: "service.err.not_in_progress", EN: "the repair is not in progress (the order is %[1]s)", RU: "ремонт не ведётся (заказ в состоянии «%[1]s»)"},
		i18n.Msg{Key: "service.err.part", EN: "part %[1]q needs a SKU and a quantity of at least 1", RU: "для запчасти %[1]q нужны артикул и количество не меньше 1"},
		i18n.Msg{Key: "service.err.labour", EN: "labour needs a technician and at least one minute", RU: "для работы нужны специалист и хотя бы одна минута"},
		i18n.Msg{Key: "service.err.price", EN: "the price is missing or negative", RU: "цена не указана или отрицательна"},
		i18n.Msg{Key: "service.err.currency_mixed", EN: "one order cannot mix %[1]s and %[2]s", RU: "в одном заказе нельзя смешивать %[1]s и %[2]s"},
		i18n.Msg{Key: "service.err.reason", EN: "say why the order stays incomplete", RU: "укажите, почему заказ не завершён"},
		i18n.Msg{Key: "service.err.score", EN: "the score %[1]d must be from 1 to 5", RU: "оценка %[1]d должна быть от 1 до 5"},
		i18n.Msg{Key: "service.err.comment_long", EN: "the text is longer than %[1]d characters", RU: "текст длиннее %[1]d символов"},
		i18n.Msg{Key: "service.err.document", EN: "stored document %[1]s is damaged", RU: "сохранённый документ %[1]s повреждён"},
	)
}
