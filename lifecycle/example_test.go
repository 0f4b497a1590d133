package lifecycle_test

import (
	"errors"
	"fmt"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
)

type TicketState string
type TicketAction string

func init() {
	// In a process package these labels live in messages.go.
	i18n.Register(
		i18n.Msg{Key: "example.ticket.state.open", EN: "open", RU: "открыта"},
		i18n.Msg{Key: "example.ticket.state.solved", EN: "solved", RU: "решена"},
		i18n.Msg{Key: "example.ticket.state.closed", EN: "closed", RU: "закрыта"},
		i18n.Msg{Key: "example.ticket.action.solve", EN: "solve", RU: "решить"},
		i18n.Msg{Key: "example.ticket.action.reopen", EN: "reopen", RU: "открыть заново"},
		i18n.Msg{Key: "example.ticket.action.close", EN: "close", RU: "закрыть"},
		i18n.Msg{Key: "example.ticket.err.unanswered", EN: "a ticket nobody answered cannot be solved", RU: "нельзя решить заявку, на которую никто не ответил"},
	)
}

// A table is built once, at package initialisation, and only read after.
func Example() {
	table := lifecycle.New[TicketState, TicketAction, struct{}]("example.ticket", "open").
		Allow("open", "solve", "solved").
		Allow("solved", "reopen", "open").
		Allow("solved", "close", "closed").
		Terminal("closed").
		Build()

	next, err := table.Next("open", "solve")
	fmt.Println(next, err, table.Allowed(next))

	_, err = table.Next("open", "close")
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// solved <nil> [reopen close]
	// cannot close in state “open”; allowed: solve
	// нельзя выполнить действие «закрыть» в состоянии «открыта»; доступно: решить
}

// The Mermaid diagram in the docs is rendered from the table itself.
func ExampleTable_Mermaid() {
	table := lifecycle.New[TicketState, TicketAction, struct{}]("example.ticket", "open").
		Allow("open", "solve", "solved").
		Allow("solved", "reopen", "open").
		Allow("solved", "close", "closed").
		Terminal("closed").
		Build()
	fmt.Print(table.Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> open
	//     open --> solved: solve
	//     solved --> open: reopen
	//     solved --> closed: close
	//     closed --> [*]
}

// A guard is a rule a move must pass besides the table: Fire runs the
// guards of the move against the subject and returns the first error,
// which carries its own message key; the state does not change.
func ExampleTable_Fire() {
	type ticket struct{ answers int }
	table := lifecycle.New[TicketState, TicketAction, *ticket]("example.ticket", "open").
		Allow("open", "solve", "solved", func(t *ticket) error {
			if t.answers == 0 {
				return carekernel.Invalid("example.Solve", "answers", "example.ticket.err.unanswered")
			}
			return nil
		}).
		Allow("solved", "close", "closed").
		Terminal("closed").
		Build()

	ru := i18n.NewCatalog().Localizer("ru")
	_, err := table.Fire(&ticket{}, "open", "solve")
	fmt.Println(errors.Is(err, carekernel.ErrInvalid), ru.Error(err))
	next, err := table.Fire(&ticket{answers: 1}, "open", "solve")
	fmt.Println(next, err)
	_, err = table.Fire(&ticket{answers: 1}, "closed", "solve")
	fmt.Println(errors.Is(err, carekernel.ErrTransition), ru.Error(err))
	// Output:
	// true нельзя решить заявку, на которую никто не ответил
	// solved <nil>
	// true нельзя выполнить действие «решить» в состоянии «закрыта»: процесс завершён
}
