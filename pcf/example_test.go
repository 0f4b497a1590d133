package pcf_test

import (
	"fmt"

	"github.com/carekernel/carekernel/pcf"
)

func ExampleLookup() {
	e, ok := pcf.Lookup("6.3.2.3.4")
	fmt.Println(ok, e.Level, e.Parent)
	fmt.Println(e.Name)
	fmt.Println(e.NameRU)
	parent, _ := pcf.Lookup(e.Parent)
	fmt.Println(parent.Name, "/", parent.NameRU)

	group, _ := pcf.Lookup("6.1")
	fmt.Println(group.PCFID, group.Name)
	_, ok = pcf.Lookup("6.9")
	fmt.Println(ok)
	// Output:
	// true 5 6.3.2.3
	// Investigate issue/perform root cause analysis
	// Исследование проблемы и анализ первопричин
	// Investigate warranty issues / Расследование гарантийных случаев
	// 10378 Develop customer care/customer service strategy
	// false
}

func ExampleChildren() {
	for _, e := range pcf.Children("6.4") {
		fmt.Printf("%s %s — %s\n", e.ID, e.PCFID, e.NameRU)
	}
	// Output:
	// 6.4.1 20111 — Инициация отзыва
	// 6.4.2 20112 — Оценка вероятности и последствий возникновения опасности
	// 6.4.3 20113 — Управление коммуникациями, связанными с отзывом
	// 6.4.4 20114 — Подача нормативных отчетов
	// 6.4.5 20115 — Мониторинг и проверка эффективности отзыва
	// 6.4.6 20116 — Управление прекращением отзыва
}

// Report gives the coverage of every element; a parent is implemented
// only when all of its children are.
func ExampleReport() {
	count := map[pcf.Status]int{}
	for _, c := range pcf.Report() {
		count[c.Status]++
	}
	fmt.Println(len(pcf.Elements()), "elements;", count[pcf.Implemented]+count[pcf.Partly]+count[pcf.NotYet], "with a status")
	// Output:
	// 103 elements; 103 with a status
}
