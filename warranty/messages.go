package warranty

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(commonMessages...)
	i18n.Register(coverageMessages...)
	i18n.Register(registrationMessages...)
}

var commonMessages = []i18n.Msg{
	{Key: "warranty.err.document", EN: "the stored %[1]s is damaged and cannot be read", RU: "сохранённый документ «%[1]s» повреждён и не читается"},
	{Key: "warranty.err.effective_before", EN: "version %[2]d of %[1]s cannot take effect before version %[3]d", RU: "версия %[2]d для %[1]s не может вступать в силу раньше версии %[3]d"},
	{Key: "warranty.err.stale_version", EN: "version %[2]d of %[1]s is stale: the latest is %[3]d; publish the next one", RU: "версия %[2]d для %[1]s устарела: последняя — %[3]d; опубликуйте следующую"},
	{Key: "warranty.err.version_not_found", EN: "%[1]s has no version %[2]d", RU: "у %[1]s нет версии %[2]d"},
	{Key: "warranty.err.not_effective", EN: "no version of %[1]s is in effect on %[2]s", RU: "ни одна версия %[1]s не действует на %[2]s"},
	{Key: "warranty.err.unknown_policy", EN: "there is no warranty policy %[1]s", RU: "гарантийной политики %[1]s нет"},
	{Key: "warranty.err.unknown_catalog", EN: "there is no code catalog %[1]s", RU: "справочника кодов %[1]s нет"},
	{Key: "warranty.err.unknown_supplier", EN: "there is no agreement with supplier %[1]s", RU: "соглашения с поставщиком %[1]s нет"},
	{Key: "warranty.err.unknown_offer", EN: "there is no offer %[1]s", RU: "предложения %[1]s нет"},
	{Key: "warranty.err.code_invalid", EN: "%[1]q is not a valid code (1–64 letters, digits, - _ . /)", RU: "%[1]q — недопустимый код (1–64 буквы, цифры, - _ . /)"},
	{Key: "warranty.err.version_invalid", EN: "%[1]d is not a valid version number", RU: "%[1]d — недопустимый номер версии"},
	{Key: "warranty.err.effective_missing", EN: "the effective date is missing", RU: "не указана дата вступления в силу"},
	{Key: "warranty.err.unit_unknown", EN: "%[1]q is not a usage unit (km, hours, cycles)", RU: "%[1]q — не единица наработки (km, hours, cycles)"},
	{Key: "warranty.err.quantity_negative", EN: "%[1]s must be positive", RU: "значение %[1]s должно быть положительным"},
	{Key: "warranty.err.percent", EN: "%[1]s must be a percentage from 0 to 100, not %[2]d", RU: "%[1]s — процент от 0 до 100, а не %[2]d"},
	{Key: "warranty.err.amount_negative", EN: "the amount %[1]s must not be negative", RU: "сумма %[1]s не может быть отрицательной"},
	{Key: "warranty.err.range", EN: "the %[1]s range ends before it starts", RU: "диапазон %[1]s заканчивается раньше, чем начинается"},
	{Key: "warranty.days", Plural: 1, EN: "%[1]d day|%[1]d days", RU: "%[1]d день|%[1]d дня|%[1]d дней|%[1]d дня"},
	{Key: "warranty.months", Plural: 1, EN: "%[1]d month|%[1]d months", RU: "%[1]d месяц|%[1]d месяца|%[1]d месяцев|%[1]d месяца"},
	{Key: "warranty.unit.km", EN: "odometer", RU: "пробег"},
	{Key: "warranty.unit.hours", EN: "operating hours", RU: "моточасы"},
	{Key: "warranty.unit.cycles", EN: "cycles", RU: "циклы"},
	{Key: "warranty.usage.km", Plural: 1, EN: "%[1]d km|%[1]d km", RU: "%[1]d км|%[1]d км|%[1]d км|%[1]d км"},
	{Key: "warranty.usage.hours", Plural: 1, EN: "%[1]d hour|%[1]d hours", RU: "%[1]d час|%[1]d часа|%[1]d часов|%[1]d часа"},
	{Key: "warranty.usage.cycles", Plural: 1, EN: "%[1]d cycle|%[1]d cycles", RU: "%[1]d цикл|%[1]d цикла|%[1]d циклов|%[1]d цикла"},
	{Key: "warranty.date.1", EN: "Jan %[1]s, %[2]s", RU: "%[1]s января %[2]s г."},
	{Key: "warranty.date.2", EN: "Feb %[1]s, %[2]s", RU: "%[1]s февраля %[2]s г."},
	{Key: "warranty.date.3", EN: "Mar %[1]s, %[2]s", RU: "%[1]s марта %[2]s г."},
	{Key: "warranty.date.4", EN: "Apr %[1]s, %[2]s", RU: "%[1]s апреля %[2]s г."},
	{Key: "warranty.date.5", EN: "May %[1]s, %[2]s", RU: "%[1]s мая %[2]s г."},
	{Key: "warranty.date.6", EN: "Jun %[1]s, %[2]s", RU: "%[1]s июня %[2]s г."},
	{Key: "warranty.date.7", EN: "Jul %[1]s, %[2]s", RU: "%[1]s июля %[2]s г."},
	{Key: "warranty.date.8", EN: "Aug %[1]s, %[2]s", RU: "%[1]s августа %[2]s г."},
	{Key: "warranty.date.9", EN: "Sep %[1]s, %[2]s", RU: "%[1]s сентября %[2]s г."},
	{Key: "warranty.date.10", EN: "Oct %[1]s, %[2]s", RU: "%[1]s октября %[2]s г."},
	{Key: "warranty.date.11", EN: "Nov %[1]s, %[2]s", RU: "%[1]s ноября %[2]s г."},
	{Key: "warranty.date.12", EN: "Dec %[1]s, %[2]s", RU: "%[1]s декабря %[2]s г."},
}

var coverageMessages = []i18n.Msg{
	{Key: "warranty.policy.err.months", EN: "a warranty of %[1]d months is out of range (0–1200)", RU: "срок гарантии %[1]d мес. вне допустимого диапазона (0–1200)"},
	{Key: "warranty.policy.err.no_limit", EN: "policy %[1]s limits neither time nor usage", RU: "политика %[1]s не ограничивает ни срок, ни наработку"},
	{Key: "warranty.policy.err.limits_duplicate", EN: "policy %[1]s limits a usage unit twice", RU: "политика %[1]s дважды ограничивает одну единицу наработки"},
	{Key: "warranty.policy.err.pro_rata", EN: "the pro-rata schedule of policy %[1]s must go up by month within the term", RU: "шкала пропорционального покрытия политики %[1]s должна возрастать по месяцам в пределах срока"},
	{Key: "warranty.policy.err.start_rule", EN: "%[1]q is not a start-date rule (purchase, delivery, registration)", RU: "%[1]q — не правило даты начала (purchase, delivery, registration)"},
	{Key: "warranty.coverage.err.no_policy", EN: "the product has no warranty policy to check", RU: "у изделия нет гарантийной политики для проверки"},
	{Key: "warranty.coverage.err.reading_missing", EN: "the %[1]s reading is needed to check coverage", RU: "для проверки покрытия нужны показания: %[1]s"},
	{Key: "warranty.coverage.covered", EN: "covered by policy %[1]s (parts %[3]d%%, labour %[4]d%%): %[2]s", RU: "покрывается политикой %[1]s (запчасти %[3]d%%, работа %[4]d%%): %[2]s"},
	{Key: "warranty.coverage.time_left", EN: "%[1]s left until %[2]s", RU: "осталось %[1]s, до %[2]s"},
	{Key: "warranty.coverage.usage_left", EN: "%[1]s left", RU: "осталось %[1]s"},
	{Key: "warranty.coverage.not_started", EN: "not covered: policy %[1]s starts on %[2]s", RU: "не покрывается: политика %[1]s действует с %[2]s"},
	{Key: "warranty.coverage.expired", EN: "not covered: policy %[1]s ended on %[2]s, after %[3]s in service", RU: "не покрывается: политика %[1]s закончилась %[2]s, через %[3]s эксплуатации"},
	{Key: "warranty.coverage.usage_exceeded", EN: "not covered: the reading of %[2]s passes the limit of %[3]s of policy %[1]s", RU: "не покрывается: показания %[2]s превышают предел %[3]s политики %[1]s"},
	{Key: "warranty.coverage.excluded", EN: "not covered: code %[2]s is excluded by policy %[1]s", RU: "не покрывается: код %[2]s исключён политикой %[1]s"},
}

var registrationMessages = []i18n.Msg{
	{Key: "warranty.registration.err.serial_invalid", EN: "%[1]q is not a valid serial number", RU: "%[1]q — недопустимый серийный номер"},
	{Key: "warranty.registration.err.model_invalid", EN: "%[1]q is not a valid model", RU: "%[1]q — недопустимая модель"},
	{Key: "warranty.registration.err.owner_empty", EN: "the owner has no customer ID", RU: "у владельца не указан идентификатор клиента"},
	{Key: "warranty.registration.err.date_future", EN: "the %[1]s date is in the future", RU: "дата (%[1]s) в будущем"},
	{Key: "warranty.registration.err.date_order", EN: "the %[1]s date is before the %[2]s date", RU: "дата %[1]s раньше даты %[2]s"},
	{Key: "warranty.registration.err.reading_backwards", EN: "the %[1]s reading is lower than an earlier one", RU: "показания (%[1]s) меньше прежних"},
	{Key: "warranty.registration.err.duplicate_serial", EN: "serial %[1]s is already registered", RU: "серийный номер %[1]s уже зарегистрирован"},
	{Key: "warranty.registration.err.not_registered", EN: "serial %[1]s is not registered", RU: "серийный номер %[1]s не зарегистрирован"},
	{Key: "warranty.registration.err.not_transferable", EN: "the warranty of %[1]s (policy %[2]s) cannot be transferred to a new owner", RU: "гарантию на %[1]s (политика %[2]s) нельзя передать новому владельцу"},
	{Key: "warranty.registration.err.same_owner", EN: "the product already belongs to this owner", RU: "изделие уже принадлежит этому владельцу"},
}
