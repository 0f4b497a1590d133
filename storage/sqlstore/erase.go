package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/carekernel/carekernel"
)

// Erase implements storage.Eraser: in one transaction it deletes the
// tenant's documents whose Subject is subject, with their index rows,
// and blanks the payload and actor name of their journal events, keeping
// the sequence numbers.
func (s *Store) Erase(ctx context.Context, tenant carekernel.Tenant, subject string) (int, error) {
	const op = "sqlstore.Erase"
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := tenant.Validate(); err != nil {
		return 0, err
	}
	if subject == "" {
		return 0, carekernel.Invalid(op, "subject", "storage.err.value_invalid", "subject")
	}
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		type key struct {
			kind string
			id   carekernel.ID
		}
		var keys []key
		rows, err := tx.QueryContext(ctx, s.d.rebind("SELECT kind, id FROM "+s.tables+"documents WHERE tenant = ? AND subject = ?"), string(tenant), subject)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.kind, idScan{&k.id}); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, k := range keys {
			id := s.d.idArg(k.id)
			for _, q := range []string{
				"DELETE FROM " + s.tables + "fields WHERE tenant = ? AND kind = ? AND id = ?",
				"DELETE FROM " + s.tables + "pairs WHERE tenant = ? AND kind = ? AND id = ?",
				"DELETE FROM " + s.tables + "documents WHERE tenant = ? AND kind = ? AND id = ?",
			} {
				if _, err := tx.ExecContext(ctx, s.d.rebind(q), string(tenant), k.kind, id); err != nil {
					return err
				}
			}
		}
		// Journal events are matched by aggregate id, as in every adapter.
		for chunk := range slices.Chunk(keys, 200) {
			args := []any{string(tenant)}
			marks := make([]string, len(chunk))
			for i, k := range chunk {
				marks[i] = "?"
				args = append(args, s.d.idArg(k.id))
			}
			q := "UPDATE " + s.tables + "journal SET payload = NULL, actor_name = '' WHERE tenant = ? AND aggregate_id IN (" + strings.Join(marks, ", ") + ")"
			if _, err := tx.ExecContext(ctx, s.d.rebind(q), args...); err != nil {
				return err
			}
		}
		n = len(keys)
		return nil
	})
	if err != nil {
		return 0, s.fail(ctx, op, "subject", carekernel.ID{}, err)
	}
	return n, nil
}
