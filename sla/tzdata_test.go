package sla

// The tests pin historic transitions (São Paulo 2018): embed the zone
// database so they do not depend on the machine's copy.
import _ "time/tzdata"
