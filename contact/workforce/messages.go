package workforce

import (
	"strconv"

	"github.com/carekernel/carekernel/i18n"
)

func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func init() {
	i18n.Register(
		i18n.Msg{Key: "workforce.err.traffic", EN: "the traffic %[1]v must be a positive number", RU: "нагрузка %[1]v должна быть положительным числом"},
		i18n.Msg{Key: "workforce.err.agents", EN: "the number of agents %[1]d is not valid", RU: "недопустимое число операторов: %[1]d"},
		i18n.Msg{Key: "workforce.err.unstable", Plural: 1,
			EN: "the queue is unstable: %[1]d agent cannot carry %[2].2f Erlangs (need more agents than Erlangs)|the queue is unstable: %[1]d agents cannot carry %[2].2f Erlangs (need more agents than Erlangs)",
			RU: "очередь неустойчива: %[1]d оператор не справится с нагрузкой %[2].2f Эрл (операторов должно быть больше, чем эрлангов)|очередь неустойчива: %[1]d оператора не справятся с нагрузкой %[2].2f Эрл (операторов должно быть больше, чем эрлангов)|очередь неустойчива: %[1]d операторов не справятся с нагрузкой %[2].2f Эрл (операторов должно быть больше, чем эрлангов)|очередь неустойчива: %[1]d оператора не справятся с нагрузкой %[2].2f Эрл (операторов должно быть больше, чем эрлангов)"},
		i18n.Msg{Key: "workforce.err.aht", EN: "the average handle time must be positive", RU: "среднее время обработки должно быть положительным"},
		i18n.Msg{Key: "workforce.err.interval", EN: "the interval length must be positive", RU: "длина интервала должна быть положительной"},
		i18n.Msg{Key: "workforce.err.answer_time", EN: "the answer time must not be negative", RU: "время ответа не может быть отрицательным"},
		i18n.Msg{Key: "workforce.err.patience", EN: "the mean patience must be positive", RU: "среднее терпение клиента должно быть положительным"},
		i18n.Msg{Key: "workforce.err.service_level", EN: "the target service level %[1]v must be above 0 and below 1", RU: "целевой уровень обслуживания %[1]v должен быть больше 0 и меньше 1"},
		i18n.Msg{Key: "workforce.err.occupancy", EN: "the occupancy cap %[1]v must be between 0 and 1", RU: "предельная загрузка %[1]v должна быть от 0 до 1"},
		i18n.Msg{Key: "workforce.err.shrinkage", EN: "the shrinkage %[1]v must be at least 0 and below 1", RU: "доля потерь времени %[1]v должна быть не меньше 0 и меньше 1"},
		i18n.Msg{Key: "workforce.err.abandon", EN: "the abandonment limit %[1]v must be at least 0 and below 1", RU: "предел доли брошенных обращений %[1]v должен быть не меньше 0 и меньше 1"},
		i18n.Msg{Key: "workforce.err.unreachable", EN: "no number of agents meets the target for %[1].2f Erlangs", RU: "ни при каком числе операторов цель для нагрузки %[1].2f Эрл не достигается"},
	)
}
