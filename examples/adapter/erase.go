package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// rewriteFile is where Compact and Erase write the new log before they
// rename it over the old one.
const rewriteFile = LogFile + ".tmp"

// Erase implements storage.Eraser. A log remembers every version, so
// erasing personal data means rewriting it: the subject's documents are
// left out and their events' payloads and actor names blanked, in a
// fresh log that replaces the old one (see rewrite).
func (s *LogStore) Erase(ctx context.Context, tenant carekernel.Tenant, subject string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := tenant.Validate(); err != nil {
		return 0, err
	}
	if subject == "" {
		return 0, carekernel.Invalid("logstore.Erase", "subject", "storage.err.value_invalid", "subject")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	docs := maps.Clone(s.docs)
	erased := map[carekernel.ID]bool{}
	for sc, byID := range s.docs {
		if sc.tenant != tenant {
			continue
		}
		docs[sc] = maps.Clone(byID)
		for id, d := range byID {
			if d.Subject == subject {
				delete(docs[sc], id)
				erased[id] = true
			}
		}
	}
	if len(erased) == 0 {
		return 0, nil
	}
	journal := maps.Clone(s.journal)
	journal[tenant] = slices.Clone(s.journal[tenant])
	for i, r := range journal[tenant] {
		if erased[r.Event.AggregateID] {
			journal[tenant][i].Event.Payload = nil
			journal[tenant][i].Event.Actor.Name = ""
		}
	}
	if err := s.rewrite(docs, journal); err != nil {
		return 0, err
	}
	return len(erased), nil
}

// Compact rewrites the log as one snapshot line per tenant, dropping
// the versions Get can no longer return.
func (s *LogStore) Compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rewrite(s.docs, s.journal)
}

// rewrite replaces the log with snapshots of the given state and makes
// it the store's state. Crash-honest in the other classic way: write a
// temporary file, fsync it, rename it over the log, fsync the
// directory. A crash before the rename leaves the old log (Open removes
// the temporary file); after it, the new one. Memory changes only once
// the new log is in place. The caller holds s.mu.
func (s *LogStore) rewrite(docs map[scope]map[carekernel.ID]storage.Document, journal map[carekernel.Tenant][]storage.Record) error {
	if s.broken != nil {
		return s.broken
	}
	snaps := map[carekernel.Tenant]*line{}
	snap := func(t carekernel.Tenant) *line {
		if snaps[t] == nil {
			snaps[t] = &line{Tenant: t, Snapshot: true, Docs: []lineDoc{}}
		}
		return snaps[t]
	}
	for sc, byID := range docs {
		for _, d := range byID {
			l := snap(sc.tenant)
			l.Docs = append(l.Docs, toLine(d, d.Version))
		}
	}
	for t, recs := range journal {
		for _, r := range recs {
			l := snap(t)
			l.Events = append(l.Events, r.Event)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, t := range slices.Sorted(maps.Keys(snaps)) { // sorted: the same state gives the same file
		l := snaps[t]
		slices.SortFunc(l.Docs, func(a, b lineDoc) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), bytes.Compare(a.ID[:], b.ID[:]))
		})
		if err := enc.Encode(l); err != nil {
			return fmt.Errorf("logstore: rewrite: %w", err)
		}
	}
	tmp := filepath.Join(s.dir, rewriteFile)
	if err := writeSynced(tmp, buf.Bytes()); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("logstore: rewrite: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(s.dir, LogFile)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("logstore: rewrite: %w", err)
	}
	// From here the new log is the truth: any failure leaves memory
	// behind it, so the store stops until it is reopened.
	f, err := os.OpenFile(filepath.Join(s.dir, LogFile), os.O_RDWR|os.O_APPEND, 0)
	if err == nil {
		err = syncDir(s.dir)
	}
	if err != nil {
		s.broken = fmt.Errorf("logstore: the log was rewritten but cannot be reopened (%v); reopen the store", err)
		return s.broken
	}
	s.f.Close()
	s.f, s.size, s.lines = f, int64(buf.Len()), len(snaps)
	s.docs, s.journal = map[scope]map[carekernel.ID]storage.Document{}, map[carekernel.Tenant][]storage.Record{}
	for _, t := range slices.Sorted(maps.Keys(snaps)) {
		if err := snaps[t].apply(s); err != nil {
			s.broken = fmt.Errorf("logstore: memory no longer matches the rewritten log (%v); reopen the store", err)
			return s.broken
		}
	}
	return nil
}

// writeSynced writes a new file and fsyncs it before closing it.
func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}
