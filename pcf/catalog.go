package pcf

import (
	"slices"
	"strings"
)

// Element is one element of PCF category 6 "Manage Customer Service".
type Element struct {
	ID         string   // hierarchy id: "6.3.2.3.1"
	PCFID      string   // APQC's stable element id, "10378"; "" where the seeds give none
	Name       string   // English name, as in the PCF
	NameRU     string   // Russian name
	Definition string   // APQC's definition; "" where the seeds give none
	Parent     string   // hierarchy id of the parent; "" for the process groups 6.1–6.5
	Level      int      // 2 process group, 3 process, 4 activity, 5 task (1 is the category)
	Symbols    []string // the exported Go symbols that implement it, sorted
}

// source lists the elements in PCF order. Names are APQC's (PCF v7.x
// cross-industry, from the seeds); Russian names follow the ELMA
// translation where it has one — matched by meaning, since it numbers
// 6.3 after an older PCF — and are translated here otherwise.
// Activities and tasks are numbered in the order the PCF lists them.
var source = []Element{
	{ID: "6.1", PCFID: "10378", Name: "Develop customer care/customer service strategy", NameRU: "Разработка стратегии обслуживания клиентов",
		Definition: "Defining a plan that removes customer obstacles by gathering operational insight and competitive insight, as well as improving soft skills and forward resolution for employees. Develop customer segmentation. Define rules and regulations for customer service. Establish service levels for customers."},
	{ID: "6.1.1", PCFID: "20086", Name: "Define customer service requirements across the enterprise", NameRU: "Определение требований к обслуживанию клиентов по всему предприятию",
		Definition: "Defining a set of behaviors, skills, and policies needed to provide customer service effectively across the enterprise."},
	{ID: "6.1.2", PCFID: "20087", Name: "Define customer service experience", NameRU: "Определение опыта обслуживания клиентов",
		Definition: "Communicating to the customer service resources what is expected when engaging the customer. Relate service level expectations to the workforce. Ensure positive customer experience."},
	{ID: "6.1.3", PCFID: "20088", Name: "Define and manage customer service channel strategy", NameRU: "Определение и управление стратегией каналов обслуживания клиентов",
		Definition: "Establishing and refining procedures for customer service and technical support."},
	{ID: "6.1.4", PCFID: "10382", Name: "Define customer service policies and procedures", NameRU: "Определение политики и регламентов обслуживания клиентов",
		Definition: "Outlining the framework of policies and methods for developing customer service strategy. Establish the rules and regulations that serve as a guideline for the customer service strategy. Take into account customer needs and behavior."},
	{ID: "6.1.5", PCFID: "10383", Name: "Establish target service level for each customer segment", NameRU: "Постановка целевого уровня обслуживания для каждого сегмента покупателей",
		Definition: "Determining and implementing levels for customer services. Benchmark certain customer service practices, and base customer level services on those benchmarks. Create a service level agreement, which is a negotiated agreement designed to create a common understanding about services, priorities, and responsibilities."},
	{ID: "6.1.6", PCFID: "20089", Name: "Define warranty offering", NameRU: "Определение предложения гарантии",
		Definition: "Determining the exact terms and conditions under which specific warranties apply to certain goods or services."},
	{ID: "6.1.6.1", PCFID: "16893", Name: "Determine and document warranty policies", NameRU: "Определение и документирование гарантийной политики",
		Definition: "Establishing warranty policies to assure customers that the company will guarantee its warranties that it issues."},
	{ID: "6.1.6.2", PCFID: "16890", Name: "Create and manage warranty rules/claim codes for products", NameRU: "Создание и ведение гарантийных правил и кодов требований для продукции",
		Definition: "Establishing and maintaining claims processing and routing rules. Establish and maintain claims processing and routing rules for product warranties, coverage lists, repair, fault, trouble codes, repair time setup, and warranty policy registration. This also includes rolling out the codes and rules, and the improvements/updates to these rules and codes via systematic updates."},
	{ID: "6.1.6.3", PCFID: "20090", Name: "Agree on warranty responsibilities with suppliers", NameRU: "Согласование гарантийных обязательств с поставщиками",
		Definition: "Negotiating with manufacturers and dealers the obligations of each party in upholding warranties."},
	{ID: "6.1.6.4", PCFID: "20091", Name: "Define warranty related offerings for customers", NameRU: "Определение гарантийных предложений для клиентов",
		Definition: "Informing customers about warranties that apply to promoted products or services."},
	{ID: "6.1.6.5", PCFID: "12673", Name: "Communicate warranty policies and offerings", NameRU: "Информирование о гарантийной политике и предложениях",
		Definition: "Communicating rules and updates via training manuals for new products and training resources."},
	{ID: "6.1.7", PCFID: "20092", Name: "Develop recall strategy", NameRU: "Разработка стратегии отзыва товаров",
		Definition: "Establishing procedures to handle recalls of defective products."},

	{ID: "6.2", PCFID: "10379", Name: "Plan and manage customer service contacts", NameRU: "Планирование и управление контактами с клиентами"},
	{ID: "6.2.1", PCFID: "10387", Name: "Plan and manage customer service work force", NameRU: "Планирование и управление трудовыми ресурсами по обслуживанию клиентов"},
	{ID: "6.2.1.1", PCFID: "10390", Name: "Forecast volume of customer service contacts", NameRU: "Прогнозирование объема обращений в службу обслуживания клиентов"},
	{ID: "6.2.1.2", PCFID: "10391", Name: "Schedule customer service work force", NameRU: "Составление графика работы персонала службы обслуживания клиентов"},
	{ID: "6.2.1.3", PCFID: "10392", Name: "Track work force utilization", NameRU: "Отслеживание загрузки персонала"},
	{ID: "6.2.1.4", PCFID: "10393", Name: "Monitor and evaluate quality of customer interactions with customer service representatives", NameRU: "Мониторинг и оценка качества взаимодействия сотрудников службы обслуживания с клиентами"},
	{ID: "6.2.2", PCFID: "10388", Name: "Manage customer service problems, requests, and inquiries", NameRU: "Управление проблемами в обслуживании клиентов и запросами"},
	{ID: "6.2.2.1", Name: "Receive customer problems, requests, and inquiries", NameRU: "Прием проблем, заявок и запросов клиентов"},
	{ID: "6.2.2.2", Name: "Analyze problems, requests, and inquiries", NameRU: "Анализ проблем, заявок и запросов"},
	{ID: "6.2.2.3", Name: "Resolve customer problems, requests, and inquiries", NameRU: "Решение проблем, заявок и запросов клиентов"},
	{ID: "6.2.2.4", Name: "Respond to customer problems, requests, and inquiries", NameRU: "Ответ клиентам на проблемы, заявки и запросы"},
	{ID: "6.2.2.5", Name: "Identify and capture upsell/cross-sell opportunities", NameRU: "Выявление и фиксация возможностей дополнительных и перекрестных продаж"},
	{ID: "6.2.2.6", Name: "Deliver opportunity to sales team", NameRU: "Передача возможностей продаж отделу продаж"},
	{ID: "6.2.3", PCFID: "10389", Name: "Manage customer complaints", NameRU: "Управление жалобами клиентов"},
	{ID: "6.2.3.1", Name: "Receive customer complaints", NameRU: "Прием жалоб клиентов"},
	{ID: "6.2.3.2", Name: "Route customer complaints", NameRU: "Маршрутизация жалоб клиентов"},
	{ID: "6.2.3.3", Name: "Resolve customer complaints", NameRU: "Урегулирование жалоб клиентов"},
	{ID: "6.2.3.4", Name: "Respond to customer complaints", NameRU: "Ответ на жалобы клиентов"},
	{ID: "6.2.3.5", Name: "Analyze customer complaints and response/redressal", NameRU: "Анализ жалоб клиентов, ответов на них и принятых мер"},
	{ID: "6.2.4", PCFID: "20094", Name: "Process returns", NameRU: "Обработка возвратов"},
	{ID: "6.2.4.1", Name: "Authorize return", NameRU: "Согласование возврата"},
	{ID: "6.2.4.2", Name: "Process return and record reason", NameRU: "Обработка возврата и регистрация его причины"},
	{ID: "6.2.5", PCFID: "12840", Name: "Report incidents and risks to regulatory bodies", NameRU: "Сообщение об инцидентах и рисках в управляющие органы"},

	{ID: "6.3", Name: "Service products after sales", NameRU: "Послепродажное обслуживание товаров"},
	{ID: "6.3.1", Name: "Register products", NameRU: "Регистрация товаров"},
	{ID: "6.3.2", Name: "Process warranty claims", NameRU: "Обработка требований по гарантии"},
	{ID: "6.3.2.1", Name: "Receive warranty claim", NameRU: "Прием требования по гарантии"},
	{ID: "6.3.2.2", Name: "Validate warranty claim", NameRU: "Проверка обоснованности требования по гарантии"},
	{ID: "6.3.2.3", Name: "Investigate warranty issues", NameRU: "Расследование гарантийных случаев"},
	{ID: "6.3.2.3.1", Name: "Define issue", NameRU: "Описание проблемы"},
	{ID: "6.3.2.3.2", Name: "Schedule field service", NameRU: "Планирование выездного обслуживания"},
	{ID: "6.3.2.3.3", Name: "Request and receive defective part", NameRU: "Запрос и получение неисправной детали"},
	{ID: "6.3.2.3.4", Name: "Investigate issue/perform root cause analysis", NameRU: "Исследование проблемы и анализ первопричин"},
	{ID: "6.3.2.3.5", Name: "Receive investigation result/recommendation for corrective action", NameRU: "Получение результатов расследования и рекомендаций по корректирующим действиям"},
	{ID: "6.3.2.4", Name: "Determine responsible party", NameRU: "Определение ответственной стороны"},
	{ID: "6.3.2.5", Name: "Manage pre-authorizations", NameRU: "Управление предварительными согласованиями"},
	{ID: "6.3.2.6", Name: "Approve or reject warranty claim", NameRU: "Одобрение или отклонение требования по гарантии"},
	{ID: "6.3.2.7", Name: "Notify originator of approve/reject decision", NameRU: "Уведомление заявителя о решении по требованию"},
	{ID: "6.3.2.8", Name: "Authorize payment", NameRU: "Санкционирование выплаты"},
	{ID: "6.3.2.9", Name: "Close claim", NameRU: "Закрытие требования"},
	{ID: "6.3.2.10", Name: "Reconcile warranty transaction disposition", NameRU: "Сверка результатов гарантийных операций"},
	{ID: "6.3.3", Name: "Manage supplier recovery", NameRU: "Управление взысканием с поставщиков"},
	{ID: "6.3.3.1", Name: "Create supplier recovery claims", NameRU: "Выставление требований о возмещении поставщикам"},
	{ID: "6.3.3.2", Name: "Negotiate recoveries with suppliers", NameRU: "Согласование возмещения с поставщиками"},
	{ID: "6.3.4", Name: "Service products", NameRU: "Обслуживание товаров"},
	{ID: "6.3.4.1", Name: "Confirm specific service requirements for individual customer", NameRU: "Подтверждение требований к обслуживанию конкретного клиента"},
	{ID: "6.3.4.1.1", Name: "Process customer request", NameRU: "Обработка заявки клиента"},
	{ID: "6.3.4.1.2", Name: "Create customer profile", NameRU: "Создание профиля клиента"},
	{ID: "6.3.4.1.3", Name: "Generate service order", NameRU: "Формирование заказа на обслуживание"},
	{ID: "6.3.4.2", Name: "Identify and schedule resources to meet service requirements", NameRU: "Определение и планирование ресурсов для выполнения требований к обслуживанию"},
	{ID: "6.3.4.2.1", Name: "Create resourcing plan and schedule", NameRU: "Составление плана и графика привлечения ресурсов"},
	{ID: "6.3.4.2.2", Name: "Create service order fulfillment schedule", NameRU: "Составление графика выполнения заказов на обслуживание"},
	{ID: "6.3.4.3", Name: "Provide service to specific customers", NameRU: "Оказание услуг конкретным клиентам"},
	{ID: "6.3.4.3.1", Name: "Organize daily service order fulfillment schedule", NameRU: "Организация ежедневного графика выполнения заказов на обслуживание"},
	{ID: "6.3.4.3.2", Name: "Execute product repair", NameRU: "Выполнение ремонта товара"},
	{ID: "6.3.4.3.3", Name: "Manage service order fulfillment", NameRU: "Управление выполнением заказов на обслуживание"},
	{ID: "6.3.4.4", Name: "Ensure quality of service", NameRU: "Обеспечение качества обслуживания"},
	{ID: "6.3.4.4.1", Name: "Identify completed service orders for feedback", NameRU: "Отбор выполненных заказов на обслуживание для сбора отзывов"},
	{ID: "6.3.4.4.2", Name: "Identify incomplete service orders and service failures", NameRU: "Выявление невыполненных заказов и сбоев в обслуживании"},
	{ID: "6.3.4.4.3", Name: "Solicit customer feedback on services delivered", NameRU: "Сбор отзывов клиентов об оказанных услугах"},
	{ID: "6.3.4.4.4", Name: "Process customer feedback on services delivered", NameRU: "Обработка отзывов клиентов об оказанных услугах"},

	{ID: "6.4", PCFID: "20110", Name: "Manage product recalls and regulatory audits", NameRU: "Управление отзывом товаров и проверками надзорных органов"},
	{ID: "6.4.1", PCFID: "20111", Name: "Initiate recall", NameRU: "Инициация отзыва"},
	{ID: "6.4.2", PCFID: "20112", Name: "Assess the likelihood and consequences of occurrence of any hazards", NameRU: "Оценка вероятности и последствий возникновения опасности"},
	{ID: "6.4.3", PCFID: "20113", Name: "Manage recall related communications", NameRU: "Управление коммуникациями, связанными с отзывом"},
	{ID: "6.4.4", PCFID: "20114", Name: "Submit regulatory reports", NameRU: "Подача нормативных отчетов"},
	{ID: "6.4.5", PCFID: "20115", Name: "Monitor and audit recall effectiveness", NameRU: "Мониторинг и проверка эффективности отзыва"},
	{ID: "6.4.6", PCFID: "20116", Name: "Manage recall termination", NameRU: "Управление прекращением отзыва"},

	{ID: "6.5", PCFID: "20595", Name: "Evaluate customer service operations and customer satisfaction", NameRU: "Оценка работы службы обслуживания и удовлетворенности клиентов"},
	{ID: "6.5.1", PCFID: "10401", Name: "Measure customer satisfaction with customer problems, requests, and inquiries handling", NameRU: "Измерение удовлетворенности клиентов обработкой их проблем и запросов"},
	{ID: "6.5.1.1", Name: "Solicit customer feedback on customer service experience", NameRU: "Сбор отзывов клиентов об опыте обслуживания"},
	{ID: "6.5.1.2", Name: "Analyze customer service data and identify improvement opportunities", NameRU: "Анализ данных обслуживания клиентов и выявление возможностей для улучшения"},
	{ID: "6.5.1.3", Name: "Provide customer feedback to product management on customer service experience", NameRU: "Передача отзывов клиентов об опыте обслуживания в управление продуктами"},
	{ID: "6.5.2", PCFID: "10402", Name: "Measure customer satisfaction with customer complaint handling and resolution", NameRU: "Измерение удовлетворенности клиентов обработкой и разрешением жалоб"},
	{ID: "6.5.2.1", Name: "Solicit customer feedback on complaint handling and resolution", NameRU: "Сбор отзывов клиентов о рассмотрении и урегулировании жалоб"},
	{ID: "6.5.2.2", Name: "Analyze customer complaint data and identify improvement opportunities", NameRU: "Анализ данных о жалобах клиентов и выявление возможностей для улучшения"},
	{ID: "6.5.2.3", Name: "Identify common customer complaints", NameRU: "Выявление типичных жалоб клиентов"},
	{ID: "6.5.3", PCFID: "10403", Name: "Measure customer satisfaction with products and services", NameRU: "Измерение удовлетворенности клиентов товарами и услугами"},
	{ID: "6.5.3.1", Name: "Gather and solicit post-sale customer feedback on products and services", NameRU: "Сбор послепродажных отзывов клиентов о товарах и услугах"},
	{ID: "6.5.3.2", Name: "Solicit post-sale customer feedback on ad effectiveness", NameRU: "Сбор послепродажных отзывов клиентов об эффективности рекламы"},
	{ID: "6.5.3.3", Name: "Solicit customer feedback on cross-channel experience", NameRU: "Сбор отзывов клиентов об опыте взаимодействия в разных каналах"},
	{ID: "6.5.3.4", Name: "Analyze product and service satisfaction data and identify improvement opportunities", NameRU: "Анализ данных об удовлетворенности товарами и услугами и выявление возможностей для улучшения"},
	{ID: "6.5.3.5", Name: "Provide feedback and insights to appropriate teams (product design/development, marketing, manufacturing)", NameRU: "Передача отзывов и выводов профильным подразделениям (разработка продукции, маркетинг, производство)"},
	{ID: "6.5.4", PCFID: "12672", Name: "Evaluate and manage warranty performance", NameRU: "Оценка и управление эффективностью гарантии"},
	{ID: "6.5.4.1", Name: "Measure customer satisfaction with warranty handling and resolution", NameRU: "Измерение удовлетворенности клиентов обработкой и урегулированием гарантийных случаев"},
	{ID: "6.5.4.2", Name: "Monitor and report on warranty management metrics", NameRU: "Мониторинг показателей управления гарантией и отчетность по ним"},
	{ID: "6.5.4.3", Name: "Identify improvement opportunities", NameRU: "Выявление возможностей для улучшения"},
	{ID: "6.5.4.4", Name: "Identify opportunities to eliminate warranty waste", NameRU: "Выявление возможностей для устранения потерь в гарантийном обслуживании"},
	{ID: "6.5.4.5", Name: "Investigate fraudulent claims", NameRU: "Расследование мошеннических требований"},
	{ID: "6.5.5", PCFID: "20121", Name: "Evaluate recall performance", NameRU: "Оценка эффективности отзыва"},
}

// catalog is built once from source and impls() and never changed.
var catalog = build(source, impls())

type index struct {
	elements []Element
	byID     map[string]int
	unknown  []Impl // mappings that name no element; the tests fail on them
}

func build(src []Element, mappings [][]Impl) index {
	ix := index{elements: slices.Clone(src), byID: make(map[string]int, len(src))}
	for i := range ix.elements {
		e := &ix.elements[i]
		e.Level = strings.Count(e.ID, ".") + 1
		if e.Level > 2 {
			e.Parent = e.ID[:strings.LastIndexByte(e.ID, '.')]
		}
		ix.byID[e.ID] = i
	}
	for _, list := range mappings {
		for _, m := range list {
			i, ok := ix.byID[m.Element]
			if !ok {
				ix.unknown = append(ix.unknown, m)
				continue
			}
			if e := &ix.elements[i]; !slices.Contains(e.Symbols, m.Symbol) {
				e.Symbols = append(e.Symbols, m.Symbol)
			}
		}
	}
	for i := range ix.elements {
		slices.Sort(ix.elements[i].Symbols)
	}
	return ix
}

// Elements returns every element in PCF order (6.1, 6.1.1, …, 6.5.5).
// The slice and the Symbols slices are the caller's.
func Elements() []Element {
	out := make([]Element, len(catalog.elements))
	for i, e := range catalog.elements {
		e.Symbols = slices.Clone(e.Symbols)
		out[i] = e
	}
	return out
}

// Lookup returns the element with hierarchy id id ("6.3.2.1").
func Lookup(id string) (Element, bool) {
	i, ok := catalog.byID[id]
	if !ok {
		return Element{}, false
	}
	e := catalog.elements[i]
	e.Symbols = slices.Clone(e.Symbols)
	return e, true
}

// Children returns the elements directly below id, in PCF order.
func Children(id string) []Element {
	var out []Element
	for _, e := range Elements() {
		if e.Parent == id {
			out = append(out, e)
		}
	}
	return out
}
