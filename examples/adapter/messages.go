package main

import "github.com/carekernel/carekernel/i18n"

func init() {
	i18n.Register(
		i18n.Msg{Key: "example.adapter.opened", Plural: 2,
			EN: "Opened the log store (transactions on file: %[1]d); it holds %[2]d earlier run, so this run is tenant %[3]s|Opened the log store (transactions on file: %[1]d); it holds %[2]d earlier runs, so this run is tenant %[3]s",
			RU: "Открыто хранилище-журнал (транзакций в файле: %[1]d); в нём %[2]d прошлый запуск, этот запуск — арендатор %[3]s|Открыто хранилище-журнал (транзакций в файле: %[1]d); в нём %[2]d прошлых запуска, этот запуск — арендатор %[3]s|Открыто хранилище-журнал (транзакций в файле: %[1]d); в нём %[2]d прошлых запусков, этот запуск — арендатор %[3]s|Открыто хранилище-журнал (транзакций в файле: %[1]d); в нём %[2]d прошлого запуска, этот запуск — арендатор %[3]s"},
		i18n.Msg{Key: "example.adapter.do.request", EN: "request a return", RU: "запросить возврат"},
		i18n.Msg{Key: "example.adapter.do.authorize", EN: "authorize", RU: "разрешить"},
		i18n.Msg{Key: "example.adapter.do.ship", EN: "ship the goods back", RU: "отправить товар обратно"},
		i18n.Msg{Key: "example.adapter.do.receive", EN: "receive", RU: "принять"},
		i18n.Msg{Key: "example.adapter.do.inspect", EN: "inspect line 1", RU: "проверить строку 1"},
		i18n.Msg{Key: "example.adapter.do.dispose", EN: "restock line 1", RU: "вернуть строку 1 на склад"},
		i18n.Msg{Key: "example.adapter.do.complete", EN: "complete and refund", RU: "завершить и вернуть деньги"},
		i18n.Msg{Key: "example.adapter.step", EN: "  %[1]s → %[2]s, version %[3]d; transactions on file: %[4]d", RU: "  %[1]s → %[2]s, версия %[3]d; транзакций в файле: %[4]d"},
		i18n.Msg{Key: "example.adapter.stale", EN: "A writer still holding version 1 is refused: %[1]s (lines appended: %[2]d)", RU: "Запись поверх устаревшей версии 1 отклонена: %[1]s (добавлено строк: %[2]d)"},
		i18n.Msg{Key: "example.adapter.reopened", Plural: 1,
			EN: "A crash half-way through a write left %[1]d byte of a line; reopening cut it off and replayed %[2]d transactions|A crash half-way through a write left %[1]d bytes of a line; reopening cut them off and replayed %[2]d transactions",
			RU: "Сбой посреди записи оставил %[1]d байт строки; при открытии он отрезан, воспроизведено транзакций: %[2]d|Сбой посреди записи оставил %[1]d байта строки; при открытии они отрезаны, воспроизведено транзакций: %[2]d|Сбой посреди записи оставил %[1]d байт строки; при открытии они отрезаны, воспроизведено транзакций: %[2]d|Сбой посреди записи оставил %[1]d байта строки; при открытии они отрезаны, воспроизведено транзакций: %[2]d"},
		i18n.Msg{Key: "example.adapter.read_back", EN: "Read back from the log: the return is %[1]s at version %[2]d, refund %[3]s", RU: "Прочитано из журнала: возврат — %[1]s, версия %[2]d, к возврату %[3]s"},
		i18n.Msg{Key: "example.adapter.erased", Plural: 1,
			EN: "The customer asked to be forgotten: %[1]d document erased; the log was rewritten (snapshot lines: %[2]d); the journal keeps all %[3]d events, %[4]d of them with a payload|The customer asked to be forgotten: %[1]d documents erased; the log was rewritten (snapshot lines: %[2]d); the journal keeps all %[3]d events, %[4]d of them with a payload",
			RU: "Клиент попросил удалить его данные: удалён %[1]d документ; журнал переписан (строк-снимков: %[2]d); в нём по-прежнему событий: %[3]d, из них с данными: %[4]d|Клиент попросил удалить его данные: удалено %[1]d документа; журнал переписан (строк-снимков: %[2]d); в нём по-прежнему событий: %[3]d, из них с данными: %[4]d|Клиент попросил удалить его данные: удалено %[1]d документов; журнал переписан (строк-снимков: %[2]d); в нём по-прежнему событий: %[3]d, из них с данными: %[4]d|Клиент попросил удалить его данные: удалено %[1]d документа; журнал переписан (строк-снимков: %[2]d); в нём по-прежнему событий: %[3]d, из них с данными: %[4]d"},
		i18n.Msg{Key: "example.adapter.journal", Plural: 1,
			EN: "The journal holds %[1]d event:|The journal holds %[1]d events:",
			RU: "В журнале %[1]d событие:|В журнале %[1]d события:|В журнале %[1]d событий:|В журнале %[1]d события:"},
	)
}
