package storage

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// validJSON reports whether b is one JSON value (RFC 8259, surrounding
// whitespace allowed), exactly as json.Valid does, and, when utf8 is
// set, whether b is also valid UTF-8. It does in one pass what
// json.Valid and utf8.Valid did in two, several times faster: a body is
// validated once on every Save, and json.Valid's per-byte state
// function calls were most of an in-memory save's time.
func validJSON(b []byte, strictUTF8 bool) bool {
	// stack holds the open containers: '{' or '['. json.Valid refuses
	// more than maxDepth of them.
	var stackBuf [32]byte
	stack := stackBuf[:0]
	inKey := false // whether the string being read is a member's key
	i := skipSpace(b, 0)
	// The labels are the grammar's states; goto keeps every step in this
	// one function, with no call per member or per container.
value: // a value starts at i
	if i >= len(b) {
		return false
	}
	switch b[i] { // constant cases: a jump table, not a chain of tests
	case '{':
		if len(stack) == maxDepth {
			return false
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == '}' {
			i++
			goto end // an empty object is a complete value
		}
		stack = append(stack, '{')
		goto key
	case '[':
		if len(stack) == maxDepth {
			return false
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == ']' {
			i++
			goto end
		}
		stack = append(stack, '[')
		goto value
	case '"':
		inKey = false
		goto str
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if i = scanNumber(b, i); i < 0 {
			return false
		}
	case 't':
		if !hasLiteral(b, i, "true") {
			return false
		}
		i += 4
	case 'f':
		if !hasLiteral(b, i, "false") {
			return false
		}
		i += 5
	case 'n':
		if !hasLiteral(b, i, "null") {
			return false
		}
		i += 4
	default:
		return false
	}
end: // a value ended at i: the container goes on or closes
	i = skipSpace(b, i)
	if len(stack) == 0 {
		return i == len(b)
	}
	if i >= len(b) {
		return false
	}
	switch c := b[i]; c {
	case ',':
		i = skipSpace(b, i+1)
		if stack[len(stack)-1] == '{' {
			goto key
		}
		goto value
	case '}', ']':
		if stack[len(stack)-1]+2 != c { // '{'+2 is '}', '['+2 is ']'
			return false
		}
		stack = stack[:len(stack)-1]
		i++
		goto end
	}
	return false
key: // an object member `"key" :` starts at i
	if i >= len(b) || b[i] != '"' {
		return false
	}
	inKey = true
str: // a string's opening quote is at i
	i++
	// The common case inline: a string whose first byte that matters is
	// its closing quote, 8 bytes at a time. Anything else (an escape, a
	// multi-byte character, the last few bytes) goes to scanString.
	for n := 0; i+8 <= len(b); i += 8 {
		if m := special(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			if b[i] == '"' {
				i++
				goto strDone
			}
			break
		}
		if n++; n == 4 {
			// A long string (a text, a description): find its closing
			// quote and check the bytes before it in bulk.
			if q := plainRun(b[i+8:]); q >= 0 {
				i += 8 + q + 1
				goto strDone
			}
		}
	}
	if i = scanString(b, i, strictUTF8); i < 0 {
		return false
	}
strDone:
	if !inKey {
		goto end
	}
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return false
	}
	i = skipSpace(b, i+1)
	goto value
}

// maxDepth is encoding/json's nesting limit (maxNestingDepth).
const maxDepth = 10000

func skipSpace(b []byte, i int) int {
	// Compact JSON has no space at all: one test, then out.
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func hasLiteral(b []byte, i int, lit string) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special returns a word with the high bit set in each of the 8 bytes
// of x that needs a closer look in a string (a control character, '"',
// '\\' or a byte ≥ 0x80), and maybe in some bytes after the first such
// one. The tests for "a byte below n" and "a byte equal to n" from Bit
// Twiddling Hacks only raise false alarms above a byte that truly
// matches (a borrow runs upwards), so the lowest set bit is exact: the
// scan jumps straight to the first byte that matters.
func special(x uint64) uint64 {
	lt20 := (x - ones*0x20) &^ x
	quote := x ^ (ones * '"')
	quote = (quote - ones) &^ quote
	slash := x ^ (ones * '\\')
	slash = (slash - ones) &^ slash
	return (lt20 | quote | slash | x) & highs
}

// plainRun returns the index of the first '"' in b when every byte
// before it is plain (see plainByte), else -1 (the caller then scans
// byte by byte from the start). The quote and any backslash are found
// with bytes.IndexByte, which uses vector instructions; control
// characters and bytes ≥ 0x80 with a word test two words at a time.
func plainRun(b []byte) int {
	q := bytes.IndexByte(b, '"')
	if q < 0 {
		return -1
	}
	s := b[:q]
	if bytes.IndexByte(s, '\\') >= 0 {
		return -1
	}
	// (x - 0x20 in every byte) | x has a high bit set in some byte iff
	// x has a byte below 0x20 or at or above 0x80 (a borrow starts only
	// at such a byte).
	var acc uint64
	i := 0
	for ; i+32 <= len(s); i += 32 {
		w := s[i : i+32 : i+32]
		x := binary.LittleEndian.Uint64(w)
		y := binary.LittleEndian.Uint64(w[8:])
		z := binary.LittleEndian.Uint64(w[16:])
		u := binary.LittleEndian.Uint64(w[24:])
		acc |= (x - ones*0x20) | x | (y - ones*0x20) | y | (z - ones*0x20) | z | (u - ones*0x20) | u
	}
	if acc&highs != 0 {
		return -1
	}
	for ; i < len(s); i++ {
		if !plainByte[s[i]] {
			return -1
		}
	}
	return q
}

// plainByte marks the bytes a string holds as they are: not a control
// character, '"', '\\' or a byte ≥ 0x80.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString reads a string's contents from i (after the opening quote)
// and returns the index after the closing quote, or -1. It skips plain
// bytes 8 at a time and lands on the first byte that is not.
func scanString(b []byte, i int, strictUTF8 bool) int {
	for {
		for ; i+8 <= len(b); i += 8 {
			if m := special(binary.LittleEndian.Uint64(b[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
		}
		for i < len(b) && plainByte[b[i]] {
			i++
		}
		if i >= len(b) {
			return -1
		}
	found:
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			i++
			if i >= len(b) {
				return -1
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if len(b)-i < 5 || !isHex(b[i+1]) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) {
					return -1
				}
				i += 5
			default:
				return -1
			}
		case c < 0x20:
			return -1
		case !strictUTF8:
			i++
		case c >= 0xC2 && c <= 0xDF && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			i += 2 // a two-byte sequence (Cyrillic, Latin-1): the common case
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return -1
			}
			i += size
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanNumber reads a number at i and returns the index after it, or -1.
func scanNumber(b []byte, i int) int {
	if b[i] == '-' {
		i++
		if i >= len(b) {
			return -1
		}
	}
	switch {
	case b[i] == '0':
		i++
	case b[i] >= '1' && b[i] <= '9':
		i = digits(b, i+1)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}
