package relay

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "relay.err.cursor", EN: "the relay checkpoint cannot be read", RU: "не удаётся прочитать позицию ретранслятора"},
		i18n.Msg{Key: "relay.err.ahead", EN: "the relay checkpoint %[1]d is ahead of the journal", RU: "позиция ретранслятора %[1]d впереди журнала"},
		i18n.Msg{Key: "relay.err.other_journal", EN: "the journal's record %[1]d is not the one the relay checkpoint was taken at", RU: "запись журнала %[1]d не та, на которой сохранена позиция ретранслятора"},
		i18n.Msg{Key: "relay.err.no_publisher", EN: "the relay has no publisher", RU: "у ретранслятора нет публикатора"},
		i18n.Msg{Key: "relay.err.gap", EN: "the journal jumps from %[1]d to %[2]d", RU: "в журнале пропуск: после %[1]d идёт %[2]d"},
	)
}
