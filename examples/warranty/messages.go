package main

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "example.warranty.h.offering", EN: "== The warranty offering (6.1.6)", RU: "== Гарантийное предложение (6.1.6)"},
		i18n.Msg{Key: "example.warranty.h.register", EN: "== Registration and coverage (6.3.1)", RU: "== Регистрация и покрытие (6.3.1)"},
		i18n.Msg{Key: "example.warranty.h.claim", EN: "== A warranty claim, activity by activity (6.3.2)", RU: "== Гарантийная претензия, шаг за шагом (6.3.2)"},
		i18n.Msg{Key: "example.warranty.h.recovery", EN: "== Supplier recovery (6.3.3)", RU: "== Возмещение от поставщика (6.3.3)"},
		i18n.Msg{Key: "example.warranty.h.performance", EN: "== Warranty performance and fraud screening (6.5.4)", RU: "== Показатели гарантии и проверка на мошенничество (6.5.4)"},
		i18n.Msg{Key: "example.warranty.registered", EN: "registered %[1]s (%[2]s) for customer %[3]s", RU: "зарегистрировано изделие %[1]s (%[2]s) клиента %[3]s"},
		i18n.Msg{Key: "example.warranty.duplicate", EN: "registering it again: %[1]s", RU: "повторная регистрация: %[1]s"},
		i18n.Msg{Key: "example.warranty.step", EN: "%[1]s → %[2]s", RU: "%[1]s → %[2]s"},
		i18n.Msg{Key: "example.warranty.line", EN: "line %[1]s %[2]s: claimed %[3]s, approved %[4]s (%[5]s)", RU: "строка %[1]s %[2]s: заявлено %[3]s, одобрено %[4]s (%[5]s)"},
		i18n.Msg{Key: "example.warranty.received", EN: "receive → %[1]s (%[2]s claimed)", RU: "получить → %[1]s (заявлено %[2]s)"},
		i18n.Msg{Key: "example.warranty.refused", EN: "refused: %[1]s", RU: "отказ: %[1]s"},
		i18n.Msg{Key: "example.warranty.offer", EN: "%[1]s: %[2]s, %[3]s", RU: "%[1]s: %[2]s, %[3]s"},
		i18n.Msg{Key: "example.warranty.reconciled", EN: "claimed %[1]s, approved %[2]s, paid %[3]s, recovered %[4]s, net cost %[5]s", RU: "заявлено %[1]s, одобрено %[2]s, оплачено %[3]s, возмещено %[4]s, итоговые затраты %[5]s"},
		i18n.Msg{Key: "example.warranty.metrics", EN: "%[1]d claims on %[2]d units; approval rate %[3]s%%; recovery rate %[4]s%%; cost per unit %[5]s", RU: "претензий: %[1]d на изделий: %[2]d; одобрено %[3]s%%; возмещено %[4]s%%; затраты на изделие %[5]s"},
		i18n.Msg{Key: "example.warranty.mis", EN: "month %[1]s in service: %[2]s claims per 1,000 units", RU: "месяц эксплуатации %[1]s: %[2]s претензий на 1000 изделий"},
		i18n.Msg{Key: "example.warranty.signal", EN: "signal %[1]s (%[2]s): %[3]s", RU: "сигнал %[1]s (%[2]s): %[3]s"},
	)
}
