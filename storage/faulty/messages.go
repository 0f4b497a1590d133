package faulty

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "faulty.err.conflict", EN: "injected conflict on %[1]s call %[2]d", RU: "искусственный конфликт при вызове %[1]s № %[2]d"},
		i18n.Msg{Key: "faulty.err.failure", EN: "injected failure on %[1]s call %[2]d", RU: "искусственный сбой при вызове %[1]s № %[2]d"},
	)
}
