package sla

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		// Calendar errors.
		i18n.Msg{Key: "sla.calendar.err.zone", EN: "Unknown time zone %[1]q: use an IANA name such as Europe/Berlin.", RU: "Неизвестный часовой пояс %[1]q: укажите имя IANA, например Europe/Moscow."},
		i18n.Msg{Key: "sla.calendar.err.time", EN: "Invalid time %[1]s: use HH:MM from 00:00 to 24:00.", RU: "Неверное время %[1]s: укажите ЧЧ:ММ от 00:00 до 24:00."},
		i18n.Msg{Key: "sla.calendar.err.date", EN: "Invalid date %[1]s: use YYYY-MM-DD between 1900 and 2199.", RU: "Неверная дата %[1]s: укажите ГГГГ-ММ-ДД в пределах 1900–2199 гг."},
		i18n.Msg{Key: "sla.calendar.err.day", EN: "Invalid weekday %[1]d: use 0 (Sunday) to 6 (Saturday).", RU: "Неверный день недели %[1]d: укажите от 0 (воскресенье) до 6 (суббота)."},
		i18n.Msg{Key: "sla.calendar.err.order", EN: "The window %[1]s–%[2]s ends before it starts; mark overnight windows as ending the next day.", RU: "Окно %[1]s–%[2]s заканчивается раньше, чем начинается; ночные окна отмечайте как заканчивающиеся на следующий день."},
		i18n.Msg{Key: "sla.calendar.err.overlap", EN: "Opening windows overlap.", RU: "Окна работы пересекаются."},
		i18n.Msg{Key: "sla.calendar.err.never_open", EN: "The calendar has no opening window.", RU: "В календаре нет ни одного окна работы."},
		i18n.Msg{Key: "sla.calendar.err.duplicate_date", EN: "The date %[1]s is listed twice among holidays and overrides.", RU: "Дата %[1]s указана дважды среди праздников и исключений."},
		i18n.Msg{Key: "sla.err.negative_duration", EN: "The duration must be positive.", RU: "Длительность должна быть положительной."},
		i18n.Msg{Key: "sla.err.out_of_range", EN: "The time is outside the supported range (1900–2199).", RU: "Время вне поддерживаемого диапазона (1900–2199 гг.)."},
		i18n.Msg{Key: "sla.err.unit", EN: "Unknown unit %[1]q: use hours, calendar_days or working_days.", RU: "Неизвестная единица %[1]q: укажите hours, calendar_days или working_days."},

		// Policy errors.
		i18n.Msg{Key: "sla.policy.err.required", EN: "A service-level policy is required.", RU: "Нужна политика уровня обслуживания."},
		i18n.Msg{Key: "sla.policy.err.id", EN: "The policy needs an ID.", RU: "У политики должен быть идентификатор."},
		i18n.Msg{Key: "sla.policy.err.name", EN: "The policy needs a name.", RU: "У политики должно быть название."},
		i18n.Msg{Key: "sla.policy.err.no_targets", EN: "The policy %[1]s has no targets.", RU: "В политике %[1]s нет ни одного норматива."},
		i18n.Msg{Key: "sla.policy.err.metric", EN: "Invalid metric %[1]q: use lower-case letters, digits and _.", RU: "Неверная метрика %[1]q: используйте строчные латинские буквы, цифры и _."},
		i18n.Msg{Key: "sla.policy.err.priority", EN: "Invalid priority %[1]q.", RU: "Неверный приоритет %[1]q."},
		i18n.Msg{Key: "sla.policy.err.duplicate_target", EN: "The target for %[1]s at priority %[2]s is given twice.", RU: "Норматив для %[1]s с приоритетом %[2]s указан дважды."},
		i18n.Msg{Key: "sla.policy.err.response_after_resolution", EN: "At priority %[1]s the first-response target is longer than the resolution target.", RU: "Для приоритета %[1]s норматив первого ответа длиннее норматива решения."},
		i18n.Msg{Key: "sla.policy.err.warn_percent", EN: "The warning threshold %[1]d%% must be between 0 and 99.", RU: "Порог предупреждения %[1]d%% должен быть от 0 до 99."},
		i18n.Msg{Key: "sla.policy.err.escalation", EN: "Escalation level %[1]d must be 1 or more and not repeat.", RU: "Уровень эскалации %[1]d должен быть не меньше 1 и не повторяться."},
		i18n.Msg{Key: "sla.policy.err.pause_state", EN: "A pause state must have a name.", RU: "У состояния паузы должно быть имя."},
		i18n.Msg{Key: "sla.policy.err.not_found", EN: "Policy %[1]s version %[2]d was not found.", RU: "Политика %[1]s версии %[2]d не найдена."},
		i18n.Msg{Key: "sla.policy.err.no_active", EN: "Policy %[1]s has no active version.", RU: "У политики %[1]s нет действующей версии."},
		i18n.Msg{Key: "sla.policy.err.exists", EN: "Policy %[1]s version %[2]d already exists.", RU: "Политика %[1]s версии %[2]d уже существует."},
		i18n.Msg{Key: "sla.policy.err.not_draft", EN: "Only a draft can be edited.", RU: "Изменять можно только черновик."},
		i18n.Msg{Key: "sla.policy.err.document", EN: "The stored policy is damaged.", RU: "Сохранённая политика повреждена."},

		// Timer errors.
		i18n.Msg{Key: "sla.timer.err.no_target", EN: "Policy %[1]s has no target for %[2]s at priority %[3]s.", RU: "В политике %[1]s нет норматива для %[2]s с приоритетом %[3]s."},
		i18n.Msg{Key: "sla.timer.err.time", EN: "The time is missing.", RU: "Не указано время."},
		i18n.Msg{Key: "sla.timer.err.backwards", EN: "The time is earlier than the timer's last event.", RU: "Время раньше последнего события таймера."},
		i18n.Msg{Key: "sla.timer.err.log", EN: "The stored timer log is damaged.", RU: "Сохранённый журнал таймера повреждён."},

		// Lifecycle labels.
		i18n.Msg{Key: "sla.policy.state.draft", EN: "draft", RU: "черновик"},
		i18n.Msg{Key: "sla.policy.state.active", EN: "active", RU: "действует"},
		i18n.Msg{Key: "sla.policy.state.retired", EN: "retired", RU: "выведена из действия"},
		i18n.Msg{Key: "sla.policy.action.activate", EN: "activate", RU: "ввести в действие"},
		i18n.Msg{Key: "sla.policy.action.retire", EN: "retire", RU: "вывести из действия"},
		i18n.Msg{Key: "sla.timer.state.running", EN: "running", RU: "идёт"},
		i18n.Msg{Key: "sla.timer.state.paused", EN: "paused", RU: "на паузе"},
		i18n.Msg{Key: "sla.timer.state.fulfilled", EN: "fulfilled", RU: "выполнен"},
		i18n.Msg{Key: "sla.timer.action.pause", EN: "pause", RU: "приостановить"},
		i18n.Msg{Key: "sla.timer.action.resume", EN: "resume", RU: "возобновить"},
		i18n.Msg{Key: "sla.timer.action.fulfil", EN: "fulfil", RU: "выполнить"},

		// Durations.
		i18n.Msg{Key: "sla.dur.days", Plural: 1, EN: "%[1]d day|%[1]d days", RU: "%[1]d день|%[1]d дня|%[1]d дней|%[1]d дня"},
		i18n.Msg{Key: "sla.dur.hours", Plural: 1, EN: "%[1]d hour|%[1]d hours", RU: "%[1]d час|%[1]d часа|%[1]d часов|%[1]d часа"},
		i18n.Msg{Key: "sla.dur.minutes", Plural: 1, EN: "%[1]d minute|%[1]d minutes", RU: "%[1]d минута|%[1]d минуты|%[1]d минут|%[1]d минуты"},
		i18n.Msg{Key: "sla.dur.pair", EN: "%[1]s %[2]s", RU: "%[1]s %[2]s"},
		i18n.Msg{Key: "sla.left.days", Plural: 1, EN: "%[1]d day left|%[1]d days left", RU: "остался %[1]d день|осталось %[1]d дня|осталось %[1]d дней|осталось %[1]d дня"},
		i18n.Msg{Key: "sla.left.days_and", Plural: 1, EN: "%[1]d day %[2]s left|%[1]d days %[2]s left", RU: "остался %[1]d день %[2]s|осталось %[1]d дня %[2]s|осталось %[1]d дней %[2]s|осталось %[1]d дня %[2]s"},
		i18n.Msg{Key: "sla.left.hours", Plural: 1, EN: "%[1]d hour left|%[1]d hours left", RU: "остался %[1]d час|осталось %[1]d часа|осталось %[1]d часов|осталось %[1]d часа"},
		i18n.Msg{Key: "sla.left.hours_and", Plural: 1, EN: "%[1]d hour %[2]s left|%[1]d hours %[2]s left", RU: "остался %[1]d час %[2]s|осталось %[1]d часа %[2]s|осталось %[1]d часов %[2]s|осталось %[1]d часа %[2]s"},
		i18n.Msg{Key: "sla.left.minutes", Plural: 1, EN: "%[1]d minute left|%[1]d minutes left", RU: "осталась %[1]d минута|осталось %[1]d минуты|осталось %[1]d минут|осталось %[1]d минуты"},
		i18n.Msg{Key: "sla.overdue.one", EN: "overdue by %[1]s", RU: "просрочено на %[1]s"},
		i18n.Msg{Key: "sla.overdue.two", EN: "overdue by %[1]s %[2]s", RU: "просрочено на %[1]s %[2]s"},
		i18n.Msg{Key: "sla.statutory.hours", Plural: 1, EN: "%[1]d hour|%[1]d hours", RU: "%[1]d час|%[1]d часа|%[1]d часов|%[1]d часа"},
		i18n.Msg{Key: "sla.statutory.calendar_days", Plural: 1, EN: "%[1]d calendar day|%[1]d calendar days", RU: "%[1]d календарный день|%[1]d календарных дня|%[1]d календарных дней|%[1]d календарного дня"},
		i18n.Msg{Key: "sla.statutory.working_days", Plural: 1, EN: "%[1]d working day|%[1]d working days", RU: "%[1]d рабочий день|%[1]d рабочих дня|%[1]d рабочих дней|%[1]d рабочего дня"},

		// Dates in a calendar's zone.
		i18n.Msg{Key: "sla.when", EN: "%[1]s, %[3]s %[2]s, %[4]s %[5]s %[6]s", RU: "%[1]s, %[2]s %[3]s %[4]s г., %[5]s %[6]s"},
		i18n.Msg{Key: "sla.weekday.0", EN: "Sun", RU: "вс"},
		i18n.Msg{Key: "sla.weekday.1", EN: "Mon", RU: "пн"},
		i18n.Msg{Key: "sla.weekday.2", EN: "Tue", RU: "вт"},
		i18n.Msg{Key: "sla.weekday.3", EN: "Wed", RU: "ср"},
		i18n.Msg{Key: "sla.weekday.4", EN: "Thu", RU: "чт"},
		i18n.Msg{Key: "sla.weekday.5", EN: "Fri", RU: "пт"},
		i18n.Msg{Key: "sla.weekday.6", EN: "Sat", RU: "сб"},
		i18n.Msg{Key: "sla.month.1", EN: "Jan", RU: "января"},
		i18n.Msg{Key: "sla.month.2", EN: "Feb", RU: "февраля"},
		i18n.Msg{Key: "sla.month.3", EN: "Mar", RU: "марта"},
		i18n.Msg{Key: "sla.month.4", EN: "Apr", RU: "апреля"},
		i18n.Msg{Key: "sla.month.5", EN: "May", RU: "мая"},
		i18n.Msg{Key: "sla.month.6", EN: "Jun", RU: "июня"},
		i18n.Msg{Key: "sla.month.7", EN: "Jul", RU: "июля"},
		i18n.Msg{Key: "sla.month.8", EN: "Aug", RU: "августа"},
		i18n.Msg{Key: "sla.month.9", EN: "Sep", RU: "сентября"},
		i18n.Msg{Key: "sla.month.10", EN: "Oct", RU: "октября"},
		i18n.Msg{Key: "sla.month.11", EN: "Nov", RU: "ноября"},
		i18n.Msg{Key: "sla.month.12", EN: "Dec", RU: "декабря"},

		// Labels.
		i18n.Msg{Key: "sla.metric.first_response", EN: "First response", RU: "Первый ответ"},
		i18n.Msg{Key: "sla.metric.next_reply", EN: "Next reply", RU: "Следующий ответ"},
		i18n.Msg{Key: "sla.metric.periodic_update", EN: "Periodic update", RU: "Периодическое обновление"},
		i18n.Msg{Key: "sla.metric.resolution", EN: "Resolution", RU: "Решение"},
		i18n.Msg{Key: "sla.priority.low", EN: "low", RU: "низкий"},
		i18n.Msg{Key: "sla.priority.normal", EN: "normal", RU: "обычный"},
		i18n.Msg{Key: "sla.priority.high", EN: "high", RU: "высокий"},
		i18n.Msg{Key: "sla.priority.urgent", EN: "urgent", RU: "срочный"},
		i18n.Msg{Key: "sla.custom", EN: "%[1]s", RU: "%[1]s"},
		i18n.Msg{Key: "sla.mode.business", EN: "business time", RU: "рабочего времени"},
		i18n.Msg{Key: "sla.mode.calendar", EN: "calendar time", RU: "календарного времени"},

		// Timer explanations.
		i18n.Msg{Key: "sla.timer.explain", EN: "%[1]s: %[2]s because: policy %[3]s v%[4]d, priority %[5]s, target %[6]s of %[7]s, calendar %[8]s; %[9]s", RU: "%[1]s: %[2]s, потому что: политика %[3]s v%[4]d, приоритет %[5]s, норматив %[6]s %[7]s, календарь %[8]s; %[9]s"},
		i18n.Msg{Key: "sla.timer.not_started", EN: "%[1]s: not started", RU: "%[1]s: не запущен"},
		i18n.Msg{Key: "sla.timer.head.due", EN: "due %[1]s (%[2]s)", RU: "срок %[1]s (%[2]s)"},
		i18n.Msg{Key: "sla.timer.head.paused", EN: "paused, due %[1]s if resumed now (%[2]s)", RU: "на паузе, срок %[1]s при возобновлении сейчас (%[2]s)"},
		i18n.Msg{Key: "sla.timer.head.breached", EN: "breached at %[1]s (%[2]s)", RU: "нарушен %[1]s (%[2]s)"},
		i18n.Msg{Key: "sla.timer.head.fulfilled", EN: "fulfilled in time (due %[1]s)", RU: "выполнен в срок (срок %[1]s)"},
		i18n.Msg{Key: "sla.timer.head.fulfilled_late", EN: "fulfilled late (breached at %[1]s)", RU: "выполнен с опозданием (нарушен %[1]s)"},
		i18n.Msg{Key: "sla.timer.paused_in", EN: "paused %[1]s in state %[2]s", RU: "пауза %[1]s в состоянии %[2]s"},
		i18n.Msg{Key: "sla.timer.no_pause", EN: "never paused", RU: "без пауз"},
	)
}
