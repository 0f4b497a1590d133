package warranty

import (
	"encoding/json"

	"github.com/carekernel/carekernel/storage"
)

// Hooks for the external tests (fuzz_test.go): the rehydration
// functions and document writers are unexported.

func ClaimFromDocument(d storage.Document) (*Claim, error) { return claimFromDocument(d) }

func ClaimDocument(c *Claim) (storage.Document, error) { return c.document() }

func RecoveryFromDocument(d storage.Document) (*RecoveryClaim, error) { return recoveryFromDocument(d) }

func RecoveryDocument(r *RecoveryClaim) (storage.Document, error) { return r.document() }

func RegistrationFromDocument(d storage.Document) (*Registration, error) {
	return registrationFromDocument(d)
}

func RegistrationDocument(r *Registration) (storage.Document, error) { return registrationDocument(r) }

func ContractFromDocument(d storage.Document) (*Contract, error) { return contractFromDocument(d) }

func ContractDocument(c *Contract) (storage.Document, error) { return c.document() }

// ClaimJSONByReflection is the claim's body as encoding/json writes it
// from the struct tags, to prove the hand-written codec agrees.
func ClaimJSONByReflection(c *Claim) ([]byte, error) { return json.Marshal(&c.d) }

// ClaimFromReflection reads a body with encoding/json.
func ClaimFromReflection(d storage.Document) (*Claim, error) {
	c := &Claim{version: d.Version}
	if err := json.Unmarshal(d.Body, &c.d); err != nil {
		return nil, err
	}
	return c, nil
}

func DecodeHead(b []byte) error { return decodeHead(b) }

// ClaimFreshJSON is the claim's body written from scratch, whatever
// encoding the claim keeps from its last save.
func ClaimFreshJSON(c *Claim) ([]byte, error) { return c.d.appendJSON(nil) }

// VerifyEncodings makes every claim save of s check its incremental
// body against a fresh encoding (see Service.verify).
func VerifyEncodings(s *Service) { s.verify = true }
