package main

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "example.erp.h.tenants", EN: "== Each company of the ERP is a tenant", RU: "== Каждая организация ERP — отдельный арендатор"},
		i18n.Msg{Key: "example.erp.company", EN: "  %[1]s → tenant %[2]s (customers read %[3]s, books in %[4]s)", RU: "  %[1]s → арендатор %[2]s (язык клиентов %[3]s, учёт в %[4]s)"},
		i18n.Msg{Key: "example.erp.h.returns", EN: "== Returns against the ERP's own order lines (6.2.4)", RU: "== Возвраты по строкам заказов самой ERP (6.2.4)"},
		i18n.Msg{Key: "example.erp.returned", EN: "  %[1]s, order %[2]s: return %[3]s, refund %[4]s", RU: "  %[1]s, заказ %[2]s: возврат — %[3]s, к возврату %[4]s"},
		i18n.Msg{Key: "example.erp.open", EN: "  %[1]s, order %[2]s: return %[3]s", RU: "  %[1]s, заказ %[2]s: возврат — %[3]s"},
		i18n.Msg{Key: "example.erp.h.outbox", EN: "== The journal after the ERP's checkpoint, as an outbox", RU: "== Журнал после контрольной точки ERP как исходящая очередь"},
		i18n.Msg{Key: "example.erp.to_billing", EN: "  %[1]s %[2]s → billing: credit note for %[3]s", RU: "  %[1]s %[2]s → биллинг: кредит-нота на %[3]s"},
		i18n.Msg{Key: "example.erp.to_crm", EN: "  %[1]s %[2]s → CRM: customer timeline", RU: "  %[1]s %[2]s → CRM: история клиента"},
		i18n.Msg{Key: "example.erp.unrouted", EN: "  %[1]s %[2]s (no subscriber)", RU: "  %[1]s %[2]s (нет подписчика)"},
		i18n.Msg{Key: "example.erp.checkpoint", EN: "  checkpoint of %[1]s → %[2]d", RU: "  контрольная точка %[1]s → %[2]d"},
		i18n.Msg{Key: "example.erp.outbox_empty", EN: "  %[1]s: nothing new after %[2]d", RU: "  %[1]s: после %[2]d ничего нового"},
		i18n.Msg{Key: "example.erp.outbox_again", EN: "  (the German return is shipped; the outbox runs again)", RU: "  (немецкий возврат отправлен; очередь обрабатывается снова)"},
		i18n.Msg{Key: "example.erp.h.errors", EN: "== Refusals as the ERP's API answers them", RU: "== Отказы так, как их возвращает API ERP"},
		i18n.Msg{Key: "example.erp.h.customer", EN: "== The same refusal for the customer, in the customer's language", RU: "== Тот же отказ для клиента на языке клиента"},
	)
}
