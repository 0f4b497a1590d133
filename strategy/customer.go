package strategy

import "github.com/carekernel/carekernel"

// Customer is what segmentation looks at. Attributes holds anything else
// the host knows ("industry": "health"); rules name them "attr.<key>".
type Customer struct {
	ID           string
	KeyAccount   bool
	Tier         string
	Revenue      carekernel.Money
	Region       string
	ProductLines []string
	Language     string
	Attributes   map[string]string
}
