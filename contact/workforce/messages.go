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
		i18n.Msg{Key: "workforce.err.traffic_large", EN: "the traffic of %[1]v Erlangs is above the %[2]v the models accept", RU: "нагрузка %[1]v Эрл превышает допустимые для моделей %[2]v Эрл"},
		i18n.Msg{Key: "workforce.err.unstable",
			EN: "the queue is unstable: %[2]v Erlangs need more than %[1]d agents",
			RU: "очередь неустойчива: нагрузке %[2]v Эрл нужно больше операторов, чем %[1]d"},
		i18n.Msg{Key: "workforce.err.aht", EN: "the average handle time must be positive", RU: "среднее время обработки должно быть положительным"},
		i18n.Msg{Key: "workforce.err.interval", EN: "the interval length must be positive", RU: "длина интервала должна быть положительной"},
		i18n.Msg{Key: "workforce.err.answer_time", EN: "the answer time must not be negative", RU: "время ответа не может быть отрицательным"},
		i18n.Msg{Key: "workforce.err.patience", EN: "the mean patience must be positive", RU: "среднее терпение клиента должно быть положительным"},
		i18n.Msg{Key: "workforce.err.service_level", EN: "the target service level %[1]v must be above 0 and below 1", RU: "целевой уровень обслуживания %[1]v должен быть больше 0 и меньше 1"},
		i18n.Msg{Key: "workforce.err.occupancy", EN: "the occupancy cap %[1]v must be between 0 and 1", RU: "предельная загрузка %[1]v должна быть от 0 до 1"},
		i18n.Msg{Key: "workforce.err.shrinkage", EN: "the shrinkage %[1]v must be at least 0 and below 1", RU: "доля потерь времени %[1]v должна быть не меньше 0 и меньше 1"},
		i18n.Msg{Key: "workforce.err.abandon", EN: "the abandonment limit %[1]v must be at least 0 and below 1", RU: "предел доли брошенных обращений %[1]v должен быть не меньше 0 и меньше 1"},
		i18n.Msg{Key: "workforce.err.unreachable", EN: "no number of agents meets the target for %[1]v Erlangs", RU: "ни при каком числе операторов цель для нагрузки %[1]v Эрл не достигается"},
	)
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "workforce.err.per_day", EN: "the number of intervals per day must be positive, not %[1]d", RU: "число интервалов в сутках должно быть положительным, а не %[1]d"},
		i18n.Msg{Key: "workforce.err.smoothing", EN: "the smoothing parameter %[1]v must be in (0, 1]", RU: "параметр сглаживания %[1]v должен быть в интервале (0, 1]"},
		i18n.Msg{Key: "workforce.err.history_empty", EN: "the history is empty", RU: "история пуста"},
		i18n.Msg{Key: "workforce.err.history_short", Plural: 2,
			EN: "the history is %[1]d long but needs at least a week (%[2]d interval)|the history is %[1]d long but needs at least a week (%[2]d intervals)",
			RU: "длина истории — %[1]d, а нужна хотя бы неделя (%[2]d интервал)|длина истории — %[1]d, а нужна хотя бы неделя (%[2]d интервала)|длина истории — %[1]d, а нужна хотя бы неделя (%[2]d интервалов)|длина истории — %[1]d, а нужна хотя бы неделя (%[2]d интервала)"},
		i18n.Msg{Key: "workforce.err.count", EN: "the count %[1]v must be a non-negative number", RU: "количество %[1]v должно быть неотрицательным числом"},
		i18n.Msg{Key: "workforce.err.actual_zero", EN: "the actual volumes are all zero, so the error cannot be expressed as a share", RU: "все фактические объёмы нулевые, поэтому ошибку нельзя выразить долей"},
		i18n.Msg{Key: "workforce.err.length", EN: "the forecast has %[1]d values but the actuals have %[2]d", RU: "в прогнозе %[1]d значений, а в фактических данных %[2]d"},
		i18n.Msg{Key: "workforce.err.holdout", EN: "the holdout of %[1]d intervals must be at least 1 and shorter than the history of %[2]d", RU: "контрольный отрезок в %[1]d интервалов должен быть не меньше 1 и короче истории из %[2]d"},
	)
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "workforce.err.no_templates", EN: "at least one shift template is needed", RU: "нужен хотя бы один шаблон смены"},
		i18n.Msg{Key: "workforce.err.template_name", EN: "the shift template name %[1]q is empty or repeated", RU: "имя шаблона смены %[1]q пустое или повторяется"},
		i18n.Msg{Key: "workforce.err.template_length", EN: "the shift template %[1]q has an invalid length %[2]d or limit", RU: "у шаблона смены %[1]q недопустимая длина %[2]d или предел"},
		i18n.Msg{Key: "workforce.err.template_break", EN: "the breaks of shift template %[1]q overlap or fall outside the shift", RU: "перерывы шаблона смены %[1]q пересекаются или выходят за пределы смены"},
		i18n.Msg{Key: "workforce.err.template_start", EN: "shift template %[1]q cannot start at interval %[2]d of the day", RU: "смена по шаблону %[1]q не может начинаться в интервале %[2]d суток"},
	)
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "workforce.err.window", EN: "the end must be after the start", RU: "конец должен быть позже начала"},
		i18n.Msg{Key: "workforce.err.agent_empty", EN: "the agent is not named", RU: "оператор не указан"},
		i18n.Msg{Key: "workforce.err.state", EN: "%[1]q is not a known agent state", RU: "%[1]q — неизвестное состояние оператора"},
		i18n.Msg{Key: "workforce.err.activity", EN: "%[1]q is not a known scheduled activity", RU: "%[1]q — неизвестный вид запланированной работы"},
	)
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "workforce.err.scorecard_id", EN: "the scorecard has no identifier", RU: "у оценочного листа нет идентификатора"},
		i18n.Msg{Key: "workforce.err.scale", EN: "the scale must be at least 1, not %[1]d", RU: "шкала должна быть не меньше 1, а не %[1]d"},
		i18n.Msg{Key: "workforce.err.criteria_empty", EN: "the scorecard has no criteria", RU: "в оценочном листе нет критериев"},
		i18n.Msg{Key: "workforce.err.criterion_key", EN: "the criterion key %[1]q is empty or repeated", RU: "ключ критерия %[1]q пустой или повторяется"},
		i18n.Msg{Key: "workforce.err.weight", EN: "the weight of criterion %[1]q must be positive", RU: "вес критерия %[1]q должен быть положительным"},
		i18n.Msg{Key: "workforce.err.evaluation_who", EN: "the evaluation must name the interaction, the agent and the evaluator", RU: "в оценке должны быть указаны обращение, оператор и оценщик"},
		i18n.Msg{Key: "workforce.err.criterion_unknown", EN: "the criterion %[1]q is not on scorecard %[2]s", RU: "критерия %[1]q нет в оценочном листе %[2]s"},
		i18n.Msg{Key: "workforce.err.criterion_missing", EN: "the criterion %[1]q is not scored", RU: "критерий %[1]q не оценён"},
		i18n.Msg{Key: "workforce.err.score_range", EN: "the score %[1]d is outside 0…%[2]d", RU: "оценка %[1]d вне диапазона 0…%[2]d"},
		i18n.Msg{Key: "workforce.err.calibration_few", EN: "calibration needs at least two evaluations", RU: "для калибровки нужны хотя бы две оценки"},
		i18n.Msg{Key: "workforce.err.calibration_mixed", EN: "calibration compares evaluations of one interaction only", RU: "при калибровке сравниваются оценки только одного обращения"},
		i18n.Msg{Key: "workforce.err.calibration_twice", EN: "evaluator %[1]s scored the interaction twice", RU: "оценщик %[1]s оценил обращение дважды"},
	)
}
