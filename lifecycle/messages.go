package lifecycle

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "lifecycle.err.transition", EN: "cannot %[1]s in state “%[2]s”; allowed: %[3]s", RU: "нельзя выполнить действие «%[1]s» в состоянии «%[2]s»; доступно: %[3]s"},
		i18n.Msg{Key: "lifecycle.err.transition_final", EN: "cannot %[1]s in state “%[2]s”: the process has ended", RU: "нельзя выполнить действие «%[1]s» в состоянии «%[2]s»: процесс завершён"},
	)
}
