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
//
// The work is split in two: scanFast walks the grammar with no call at
// all, so the compiler keeps its state in registers (a call anywhere in
// the loop made it store every live value to the stack on every
// value), and stops for what it leaves to this loop: a string with an
// escape, a multi-byte character or no end in sight, and nesting past
// 64 levels.
func validJSON(b []byte, strictUTF8 bool) bool {
	i, depth, kinds, at := skipSpace(b, 0), 0, uint64(0), atValue
	blk := blockBits{base: -128} // no block yet, nor one just before the first
	// deep holds the kinds of the containers below the 64 innermost,
	// the ones kinds has no room for: 1 for an object.
	var deepBuf [64]byte
	deep := deepBuf[:0]
	for {
		var stop scanStop
		i, depth, kinds, stop = scanFast(b, i, depth, kinds, at, &blk)
		switch stop {
		case stopValid:
			return true
		case stopInvalid:
			return false
		case stopKey, stopString:
			if i = scanString(b, i, strictUTF8); i < 0 {
				return false
			}
			at = atEnd
			if stop == stopKey {
				at = atColon
			}
		case stopLongString:
			if q := plainRun(b[i:]); q >= 0 {
				i += q + 1
			} else if i = scanString(b, i, strictUTF8); i < 0 {
				return false
			}
			at = atEnd
		case stopOpen: // b[i] is '{' or '[' at depth 64 or more
			if depth == maxDepth {
				return false
			}
			c := b[i]
			i = skipSpace(b, i+1)
			if i < len(b) && b[i] == c+2 { // '{'+2 is '}', '['+2 is ']'
				i++
				at = atEnd
				continue
			}
			deep = append(deep, byte(kinds>>63))
			kinds <<= 1
			depth++
			at = atValue
			if c == '{' {
				kinds |= 1
				at = atKey
			}
		case stopClose: // b[i] is '}' or ']' at depth 65 or more, and matches
			kinds = kinds>>1 | uint64(deep[len(deep)-1])<<63
			deep = deep[:len(deep)-1]
			depth--
			i++
			at = atEnd
		}
	}
}

// scanStop says why scanFast returned.
type scanStop uint8

const (
	stopValid      scanStop = iota
	stopInvalid             // b is not JSON
	stopKey                 // a key needs scanString from i
	stopString              // a string value needs scanString from i
	stopLongString          // a string value goes on from i, likely far
	stopOpen                // a container opens at i past the depth kinds holds
	stopClose               // the container closing at i is past that depth
)

// resumeAt is the grammar state scanFast starts in.
type resumeAt uint8

const (
	atValue resumeAt = iota // a value starts at i
	atKey                   // a member's key starts at i
	atColon                 // a key ended at i: `:` and a value follow
	atEnd                   // a value ended at i
)

// scanFast validates b from i in state at, and returns where and why it
// stopped. depth counts the open containers; kinds has a bit for each
// of the 64 innermost, lowest for the innermost, set for an object.
// blk holds the string bitmaps, kept from one call to the next. The
// labels are the grammar's states; goto keeps every step in this one
// function. Bounds are tested as uint(i) < uint(len(b)): the compiler
// then knows i is not negative and drops its own check before b[i], a
// branch fewer at each byte read (the claim body ~5% faster).
func scanFast(b []byte, i, depth int, kinds uint64, at resumeAt, blk *blockBits) (int, int, uint64, scanStop) {
	inKey := false // whether the string a block is made for is a key
	var stop scanStop
	base, mask, next, ahead := blk.base, blk.mask, blk.next, blk.ahead
	switch at {
	case atKey:
		goto key
	case atColon:
		goto colon
	case atEnd:
		goto end
	}
value: // a value starts at i
	if uint(i) >= uint(len(b)) {
		stop = stopInvalid
		goto out
	}
	if b[i] == '"' {
		goto valueString
	}
	switch b[i] {
	case '{':
		if depth >= 64 {
			stop = stopOpen
			goto out
		}
		i++
		if uint(i) < uint(len(b)) && b[i] <= ' ' {
			i = skipSpace(b, i)
		}
		if uint(i) < uint(len(b)) && b[i] == '}' {
			i++
			goto end // an empty object is a complete value
		}
		kinds = kinds<<1 | 1
		depth++
		goto key
	case '[':
		if depth >= 64 {
			stop = stopOpen
			goto out
		}
		i++
		if uint(i) < uint(len(b)) && b[i] <= ' ' {
			i = skipSpace(b, i)
		}
		if uint(i) < uint(len(b)) && b[i] == ']' {
			i++
			goto end
		}
		kinds <<= 1
		depth++
		goto value
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
		if b[i] == '-' {
			if i++; uint(i) >= uint(len(b)) {
				stop = stopInvalid
				goto out
			}
		}
		if c := b[i]; c == '0' {
			i++
		} else if c-'1' < 9 {
			for i++; uint(i) < uint(len(b)) && b[i]-'0' < 10; i++ {
			}
		} else {
			stop = stopInvalid
			goto out
		}
		if uint(i) < uint(len(b)) && b[i] == '.' {
			i++
			j := i
			for ; uint(i) < uint(len(b)) && b[i]-'0' < 10; i++ {
			}
			if i == j {
				stop = stopInvalid
				goto out
			}
		}
		if uint(i) < uint(len(b)) && b[i]|0x20 == 'e' {
			i++
			if i < len(b) && (b[i] == '+' || b[i] == '-') {
				i++
			}
			j := i
			for ; uint(i) < uint(len(b)) && b[i]-'0' < 10; i++ {
			}
			if i == j {
				stop = stopInvalid
				goto out
			}
		}
	case 't':
		if !hasLiteral(b, i, "true") {
			stop = stopInvalid
			goto out
		}
		i += 4
	case 'f':
		if !hasLiteral(b, i, "false") {
			stop = stopInvalid
			goto out
		}
		i += 5
	case 'n':
		if !hasLiteral(b, i, "null") {
			stop = stopInvalid
			goto out
		}
		i += 4
	default:
		stop = stopInvalid
		goto out
	}
end: // a value ended at i: the container goes on or closes
	if uint(i) < uint(len(b)) && b[i] <= ' ' { // compact JSON has no space here
		i = skipSpace(b, i)
	}
	if depth == 0 {
		if i == len(b) {
			stop = stopValid
			goto out
		}
		stop = stopInvalid
		goto out
	}
	if uint(i) >= uint(len(b)) {
		stop = stopInvalid
		goto out
	}
	switch b[i] {
	case ',':
		i++
		if uint(i) < uint(len(b)) && b[i] <= ' ' {
			i = skipSpace(b, i)
		}
		if kinds&1 != 0 {
			goto key
		}
		goto value
	case '}':
		if kinds&1 == 0 {
			stop = stopInvalid
			goto out
		}
		if depth > 64 {
			stop = stopClose
			goto out
		}
		kinds >>= 1
		depth--
		i++
		goto end
	case ']':
		if kinds&1 != 0 {
			stop = stopInvalid
			goto out
		}
		if depth > 64 {
			stop = stopClose
			goto out
		}
		kinds >>= 1
		depth--
		i++
		goto end
	}
	stop = stopInvalid
	goto out
key: // an object member `"key" :` starts at i
	if uint(i) >= uint(len(b)) || b[i] != '"' {
		stop = stopInvalid
		goto out
	}
	i++
	// A string's end is found in the bitmap of the 64-byte block holding
	// i: its first byte that matters, with one shift and one count, is
	// most often its closing quote. Walking a string's bytes made every
	// string wait for them to be loaded and tested before the next one
	// could start; a block's bitmap is made once for several strings,
	// off that chain. Keys and values have a loop each, so no flag says
	// which one a closing quote ends.
keyBody: // a key's contents start at i
	if i&^63 == base {
		if m := mask >> uint(i&63); m != 0 {
			i += bits.TrailingZeros64(m)
			if uint(i) < uint(len(b)) && b[i] == '"' {
				// `":"`: the value is a string too; go on to it with
				// one add, not through the states below.
				if uint(i+2) < uint(len(b)) && b[i+2] == '"' && b[i+1] == ':' {
					i += 3
					goto valueBody
				}
				i++
				goto colon
			}
			stop = stopKey // an escape, a multi-byte character, a control character or the end of b
			goto out
		}
		i = base + 64 // the rest of the block is plain
	}
	inKey = true
	goto refill
valueString: // a string value's opening quote is at i
	i++
valueBody: // a string value's contents start at i
	if i&^63 == base {
		d := uint(i & 63)
		if m := mask >> d; m != 0 {
			i += bits.TrailingZeros64(m)
			if uint(i) < uint(len(b)) && b[i] == '"' {
				// `","`: the next member's key, or the next element
				// if it is a string.
				if uint(i+2) < uint(len(b)) && b[i+2] == '"' && b[i+1] == ',' && depth > 0 {
					i += 3
					if kinds&1 != 0 {
						goto keyBody
					}
					goto valueBody
				}
				i++
				goto end
			}
			stop = stopString
			goto out
		}
		i = base + 64 // the rest of the block is plain
		if d < 32 {
			// A long string: 32 plain bytes and more. A text, a
			// description: the caller checks the rest in bulk.
			stop = stopLongString
			goto out
		}
	}
	inKey = false
refill: // i is past the block of mask: make the bitmap of its block
	{
		// Once the scan has crossed from one block into the next, the
		// bitmap of the one after is made a block ahead, so a string
		// that crosses into it or starts in it does not wait for it.
		// (Not at the first block: a short body or a long text ends
		// before it.)
		nb, p := i&^63, i&^63+64
		switch {
		case nb == base+64 && ahead:
			mask = next
		case nb == base+64: // the first crossing: this block, then the next
			p = nb
			ahead = true
		default: // the first block, or a jump past the next
			p = nb
			ahead = false
		}
		base = nb
		for {
			var x uint64
			if p+64 <= len(b) {
				w := b[p : p+64 : p+64]
				x = transpose8(wordSpecials(binary.LittleEndian.Uint64(w))>>7 |
					wordSpecials(binary.LittleEndian.Uint64(w[8:]))>>6 |
					wordSpecials(binary.LittleEndian.Uint64(w[16:]))>>5 |
					wordSpecials(binary.LittleEndian.Uint64(w[24:]))>>4 |
					wordSpecials(binary.LittleEndian.Uint64(w[32:]))>>3 |
					wordSpecials(binary.LittleEndian.Uint64(w[40:]))>>2 |
					wordSpecials(binary.LittleEndian.Uint64(w[48:]))>>1 |
					wordSpecials(binary.LittleEndian.Uint64(w[56:])))
			} else {
				// The last block: bytes past the end of b read as NUL,
				// which needs a closer look, so no string runs past it
				// unseen.
				var t uint64
				for k := 0; k < 64; k += 8 {
					var y uint64
					if q := p + k; q+8 <= len(b) {
						y = binary.LittleEndian.Uint64(b[q:])
					} else if n := len(b) - q; n > 0 {
						if len(b) >= 8 {
							y = binary.LittleEndian.Uint64(b[len(b)-8:]) >> (64 - 8*n)
						} else {
							for j := n - 1; j >= 0; j-- {
								y = y<<8 | uint64(b[q+j])
							}
						}
					}
					t |= wordSpecials(y) >> (7 - k/8)
				}
				x = transpose8(t)
			}
			if p == base {
				mask = x
				if !ahead {
					break
				}
				p += 64
				continue
			}
			next = x
			break
		}
	}
	if inKey {
		goto keyBody
	}
	goto valueBody
colon:
	if uint(i) < uint(len(b)) && b[i] <= ' ' {
		i = skipSpace(b, i)
	}
	if uint(i) >= uint(len(b)) || b[i] != ':' {
		stop = stopInvalid
		goto out
	}
	i++
	if uint(i) < uint(len(b)) && b[i] <= ' ' {
		i = skipSpace(b, i)
	}
	goto value
out:
	blk.base, blk.mask, blk.next, blk.ahead = base, mask, next, ahead
	return i, depth, kinds, stop
}

// blockBits carries scanFast's string bitmaps from one call to the next:
// mask marks the bytes that need a closer look in a string (see
// wordSpecials) in the 64 bytes from base, next those in the 64 bytes
// after them.
type blockBits struct {
	base       int
	mask, next uint64
	ahead      bool // whether next is made
}

// maxDepth is encoding/json's nesting limit (maxNestingDepth).
const maxDepth = 10000

func skipSpace(b []byte, i int) int {
	// Compact JSON has no space at all: one test, then out.
	for uint(i) < uint(len(b)) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
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

// wordSpecials returns x with the high bit set in each of its 8 bytes
// that needs a closer look in a string (a control character, '"', '\\'
// or a byte ≥ 0x80), and no other bit set. Each byte is tested on its
// own, with no borrow or carry from its neighbours, so every bit is
// exact.
func wordSpecials(x uint64) uint64 {
	lo := x & (ones * 0x7F)
	notQuote := (lo ^ ones*'"') + ones*0x7F // high bit set unless the low 7 bits are '"'
	notSlash := (lo ^ ones*'\\') + ones*0x7F
	notCtrl := lo + ones*0x60 // high bit set if the low 7 bits are ≥ 0x20
	return (^(notQuote & notSlash & notCtrl) | x) & highs
}

// transpose8 transposes x as an 8×8 bit matrix, bit 8r+c to bit 8c+r
// (Hacker's Delight, 7–3). Eight words' high bits, shifted to bits 0–7
// of each byte and or-ed, become one bitmap in byte order this way
// (measured as fast as gathering each word's bits with a multiply, with
// fewer operations).
func transpose8(x uint64) uint64 {
	t := (x ^ x>>7) & 0x00AA00AA00AA00AA
	x ^= t ^ t<<7
	t = (x ^ x>>14) & 0x0000CCCC0000CCCC
	x ^= t ^ t<<14
	t = (x ^ x>>28) & 0x00000000F0F0F0F0
	return x ^ t ^ t<<28
}

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
	// at such a byte). Eight words a step, or-ed as a tree: the step is
	// bound by how many operations it has, not by a chain of them.
	var acc uint64
	i := 0
	for ; i+64 <= len(s); i += 64 {
		w := s[i : i+64 : i+64]
		x0 := binary.LittleEndian.Uint64(w)
		x1 := binary.LittleEndian.Uint64(w[8:])
		x2 := binary.LittleEndian.Uint64(w[16:])
		x3 := binary.LittleEndian.Uint64(w[24:])
		x4 := binary.LittleEndian.Uint64(w[32:])
		x5 := binary.LittleEndian.Uint64(w[40:])
		x6 := binary.LittleEndian.Uint64(w[48:])
		x7 := binary.LittleEndian.Uint64(w[56:])
		acc |= ((x0 | x1) | (x2 | x3)) | ((x4 | x5) | (x6 | x7)) |
			(((x0 - ones*0x20) | (x1 - ones*0x20)) | ((x2 - ones*0x20) | (x3 - ones*0x20))) |
			(((x4 - ones*0x20) | (x5 - ones*0x20)) | ((x6 - ones*0x20) | (x7 - ones*0x20)))
	}
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		acc |= (x - ones*0x20) | x
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
// bytes 8 at a time and lands on the first byte that is not; past 32
// plain bytes in a row it takes the string for a long text and checks
// the rest in bulk.
func scanString(b []byte, i int, strictUTF8 bool) int {
	words := 0
	for {
		for ; i+8 <= len(b); i += 8 {
			if m := special(binary.LittleEndian.Uint64(b[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			if words++; words == 4 {
				if q := plainRun(b[i+8:]); q >= 0 {
					return i + 8 + q + 1
				}
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
		default:
			if i = scanMultiByte(b, i); i < 0 {
				return -1
			}
		}
	}
}

// scanMultiByte reads a run of multi-byte UTF-8 characters from i (at a
// byte ≥ 0x80) and returns the index of the first byte after it that is
// below 0x80, or -1 if the run is not valid UTF-8. Cyrillic (as in
// Russian notes and names) is two-byte characters, four to a word.
func scanMultiByte(b []byte, i int) int {
	for i < len(b) && b[i] >= utf8.RuneSelf {
		if i+8 <= len(b) && twoByteChars(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
			continue
		}
		if c := b[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(b) && b[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return -1
		}
		i += size
	}
	return i
}

// twoByteChars reports whether the 8 bytes of x (first byte lowest) are
// four valid two-byte UTF-8 sequences: a lead byte 0xC2–0xDF, then a
// continuation byte 0x80–0xBF, four times.
func twoByteChars(x uint64) bool {
	const (
		leadBits = 0xC0E0C0E0C0E0C0E0 // top 3 bits of each lead, top 2 of each continuation
		leadWant = 0x80C080C080C080C0
		leadLow  = 0x001E001E001E001E // a lead's bits 1–4: zero only for 0xC0 and 0xC1 (overlong)
	)
	nonzero := ((x & leadLow) + 0x007F007F007F007F) & 0x0080008000800080
	return x&leadBits == leadWant && nonzero == 0x0080008000800080
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
