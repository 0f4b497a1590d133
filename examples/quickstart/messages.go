package main

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "quickstart.title", EN: "carekernel — a tour of PCF 6 “Manage Customer Service”", RU: "carekernel — обзор PCF 6 «Управление обслуживанием клиентов»"},
		i18n.Msg{Key: "quickstart.fresh", EN: "Store: %[1]s. Starting the first tour as tenant %[2]s.", RU: "Хранилище: %[1]s. Первый обзор, арендатор %[2]s."},
		i18n.Msg{Key: "quickstart.resume", Plural: 2, EN: "Store: %[1]s holds %[2]d earlier tour; starting a fresh tenant %[3]s.|Store: %[1]s holds %[2]d earlier tours; starting a fresh tenant %[3]s.", RU: "Хранилище: %[1]s, в нём %[2]d прошлый обзор; начинаем с нового арендатора %[3]s.|Хранилище: %[1]s, в нём %[2]d прошлых обзора; начинаем с нового арендатора %[3]s.|Хранилище: %[1]s, в нём %[2]d прошлых обзоров; начинаем с нового арендатора %[3]s.|Хранилище: %[1]s, в нём %[2]d прошлого обзора; начинаем с нового арендатора %[3]s."},
		i18n.Msg{Key: "quickstart.stage.strategy", EN: "6.1 Strategy: segments, service levels, a deadline over the weekend", RU: "6.1 Стратегия: сегменты, уровни обслуживания, срок через выходные"},
		i18n.Msg{Key: "quickstart.stage.complaint", EN: "6.2.3 A complaint: received, routed, resolved, answered, closed", RU: "6.2.3 Жалоба: получена, направлена, решена, дан ответ, закрыта"},
		i18n.Msg{Key: "quickstart.stage.returns", EN: "6.2.4 A return: authorized, received, inspected, refunded", RU: "6.2.4 Возврат: разрешён, получен, проверен, деньги возвращены"},
		i18n.Msg{Key: "quickstart.stage.service", EN: "6.3.4 A service order: scheduled, repaired, costed", RU: "6.3.4 Сервисный заказ: запланирован, выполнен ремонт, рассчитана стоимость"},
		i18n.Msg{Key: "quickstart.stage.workforce", EN: "6.2.1 Staffing: Erlang C for the next hour", RU: "6.2.1 Персонал: Erlang C на ближайший час"},
		i18n.Msg{Key: "quickstart.stage.satisfaction", EN: "6.5 Satisfaction: surveys from the journal, a score with its interval", RU: "6.5 Удовлетворённость: опросы из журнала, оценка с доверительным интервалом"},
		i18n.Msg{Key: "quickstart.stage.coverage", EN: "PCF elements this tour ran", RU: "Элементы PCF, пройденные в обзоре"},
		i18n.Msg{Key: "quickstart.segment", EN: "customer %[1]s → segment %[2]s: %[3]s", RU: "клиент %[1]s → сегмент %[2]s: %[3]s"},
		i18n.Msg{Key: "quickstart.manager", EN: "dedicated account manager: %[1]s", RU: "персональный менеджер: %[1]s"},
		i18n.Msg{Key: "quickstart.deadline", EN: "first response: %[1]s", RU: "первый ответ: %[1]s"},
		i18n.Msg{Key: "quickstart.refused", EN: "✗ refused: %[1]s", RU: "✗ отклонено: %[1]s"},
		i18n.Msg{Key: "quickstart.state", EN: "→ %[1]s", RU: "→ %[1]s"},
		i18n.Msg{Key: "quickstart.complaint.routed", EN: "routed: %[1]s; acknowledge by %[2]s", RU: "направлена: %[1]s; подтвердить до %[2]s"},
		i18n.Msg{Key: "quickstart.visit", EN: "technician %[1]s visits %[2]s–%[3]s (due %[4]s)", RU: "техник %[1]s приедет %[2]s–%[3]s (срок %[4]s)"},
		i18n.Msg{Key: "quickstart.erlang", Plural: 1, EN: "%[1]d agent: %.1[2]f%% answered within 20 s, average wait %.0[3]f s|%[1]d agents: %.1[2]f%% answered within 20 s, average wait %.0[3]f s", RU: "%[1]d оператор: %.1[2]f%% ответов за 20 с, среднее ожидание %.0[3]f с|%[1]d оператора: %.1[2]f%% ответов за 20 с, среднее ожидание %.0[3]f с|%[1]d операторов: %.1[2]f%% ответов за 20 с, среднее ожидание %.0[3]f с|%[1]d оператора: %.1[2]f%% ответов за 20 с, среднее ожидание %.0[3]f с"},
		i18n.Msg{Key: "quickstart.survey", EN: "%[1]s → survey for customer %[2]s", RU: "%[1]s → опрос клиента %[2]s"},
		i18n.Msg{Key: "quickstart.journal", Plural: 1, EN: "the journal held %[1]d event; surveys planned from it: %[2]d|the journal held %[1]d events; surveys planned from them: %[2]d", RU: "в журнале %[1]d событие; по нему запланировано опросов: %[2]d|в журнале %[1]d события; по ним запланировано опросов: %[2]d|в журнале %[1]d событий; по ним запланировано опросов: %[2]d|в журнале %[1]d события; по ним запланировано опросов: %[2]d"},
		i18n.Msg{Key: "quickstart.csat", EN: "CSAT: %[1]s", RU: "CSAT: %[1]s"},
		i18n.Msg{Key: "quickstart.covered", Plural: 1, EN: "%[1]d PCF element of %[2]d ran in this tour|%[1]d PCF elements of %[2]d ran in this tour", RU: "в обзоре пройден %[1]d элемент PCF из %[2]d|в обзоре пройдено %[1]d элемента PCF из %[2]d|в обзоре пройдено %[1]d элементов PCF из %[2]d|в обзоре пройдено %[1]d элемента PCF из %[2]d"},
	)
}
