package i18n

// The kernel's own messages: the root package's errors and the generic
// texts of Localizer.Error. (The root package cannot register them
// itself, because i18n imports it to render Money and errors.)
func init() {
	Register(
		Msg{Key: "kernel.err.id_invalid", EN: "%[1]q is not a valid identifier", RU: "%[1]q — недопустимый идентификатор"},
		Msg{Key: "kernel.err.id_zero", EN: "the identifier is empty", RU: "идентификатор не указан"},
		Msg{Key: "kernel.err.tenant_empty", EN: "the tenant is empty", RU: "арендатор не указан"},
		Msg{Key: "kernel.err.tenant_invalid", EN: "%[1]q is not a valid tenant name", RU: "%[1]q — недопустимое имя арендатора"},
		Msg{Key: "kernel.err.actor_id_empty", EN: "the actor has no identifier", RU: "у исполнителя нет идентификатора"},
		Msg{Key: "kernel.err.actor_kind", EN: "%[1]q is not a known kind of actor", RU: "%[1]q — неизвестный вид исполнителя"},
		Msg{Key: "kernel.err.currency_invalid", EN: "%[1]q is not an ISO 4217 currency code", RU: "%[1]q — не код валюты ISO 4217"},
		Msg{Key: "kernel.err.amount_invalid", EN: "%[1]q is not a valid amount", RU: "%[1]q — недопустимая сумма"},
		Msg{Key: "kernel.err.currency_mismatch", EN: "amounts in %[1]s and %[2]s cannot be combined", RU: "суммы в %[1]s и %[2]s нельзя складывать и сравнивать"},
		Msg{Key: "kernel.err.money_precision", EN: "%[1]s has more decimal places than the currency allows", RU: "в сумме %[1]s больше знаков после запятой, чем допускает валюта"},
		Msg{Key: "kernel.err.allocate_ratios", EN: "the shares must be non-negative and not all zero", RU: "доли должны быть неотрицательными и не все нулевыми"},
		Msg{Key: "kernel.err.payload", EN: "the event %[1]s could not be encoded", RU: "не удалось закодировать событие %[1]s"},
		Msg{Key: "kernel.err.language_invalid", EN: "%[1]q is not a language tag", RU: "%[1]q — не код языка"},
		Msg{Key: "kernel.err.language_unsupported", EN: "the language %[1]q is not supported (English and Russian are)", RU: "язык %[1]q не поддерживается (поддерживаются английский и русский)"},
		Msg{Key: "kernel.err.canceled", EN: "the operation was cancelled", RU: "операция отменена"},
		Msg{Key: "kernel.err.deadline", EN: "the operation took too long", RU: "операция не уложилась в отведённое время"},
		Msg{Key: "kernel.err.internal", EN: "an internal error occurred", RU: "произошла внутренняя ошибка"},
		Msg{Key: "kernel.err.kind.invalid", EN: "the input is not valid", RU: "введены недопустимые данные"},
		Msg{Key: "kernel.err.kind.not_found", EN: "not found", RU: "не найдено"},
		Msg{Key: "kernel.err.kind.conflict", EN: "it was changed by someone else; try again", RU: "данные изменены кем-то другим; повторите попытку"},
		Msg{Key: "kernel.err.kind.transition", EN: "this action is not allowed now", RU: "это действие сейчас недоступно"},
		Msg{Key: "kernel.err.kind.forbidden", EN: "you are not allowed to do this", RU: "у вас нет прав на это действие"},
		Msg{Key: "kernel.actor.customer", EN: "customer", RU: "клиент"},
		Msg{Key: "kernel.actor.agent", EN: "agent", RU: "оператор"},
		Msg{Key: "kernel.actor.dealer", EN: "dealer", RU: "дилер"},
		Msg{Key: "kernel.actor.supplier", EN: "supplier", RU: "поставщик"},
		Msg{Key: "kernel.actor.technician", EN: "technician", RU: "техник"},
		Msg{Key: "kernel.actor.regulator", EN: "regulator", RU: "регулятор"},
		Msg{Key: "kernel.actor.system", EN: "system", RU: "система"},
	)
}
