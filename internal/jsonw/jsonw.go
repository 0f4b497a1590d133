// Package jsonw appends JSON to a byte slice for the few documents hot
// enough that encoding/json's reflection shows in profiles (warranty
// claims, imported complaints). What it writes is byte for byte what
// encoding/json writes for the same value, which its tests hold.
package jsonw

import (
	"math/bits"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, byte for byte as
// encoding/json writes it: HTML characters, U+2028
// and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func AppendString(dst []byte, s string) []byte {
	// Most strings written (IDs, codes, times, amounts) need no escape:
	// find the first byte that may, 8 at a time, and copy everything
	// before it in one append.
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if m := needsLook(load64(s, i)); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			goto slow
		}
	}
	if i < len(s) {
		if len(s) >= 8 {
			// The last few bytes: test the last 8, some again. Those
			// before i are safe, so the lowest byte flagged is at i or
			// after.
			j := len(s) - 8
			if m := needsLook(load64(s, j)); m != 0 {
				i = j + bits.TrailingZeros64(m)>>3
				goto slow
			}
		} else if len(s) >= 4 {
			// 4 to 7 bytes: the first 4 and the last 4 in one word.
			x := uint64(load32(s, 0)) | uint64(load32(s, len(s)-4))<<32
			if needsLook(x) != 0 {
				goto slow // i is 0
			}
		} else {
			for ; i < len(s); i++ {
				if !safe[s[i]] {
					goto slow
				}
			}
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
slow:
	dst = append(dst, '"')
	return appendRest(dst, s, i)
}

// appendRest appends s, whose bytes before i need no escape, and the
// closing quote.
func appendRest(dst []byte, s string, i int) []byte {
	start := 0
	for i < len(s) {
		if b := s[i]; b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		// A two-byte character (Cyrillic, Latin-1 letters) is valid and
		// never escaped: step over it without decoding it.
		if c := s[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load64 reads the 8 bytes of s from i, the first lowest (the compiler
// makes this one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 reads the 4 bytes of s from i, the first lowest.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// needsLook returns a word with the high bit set in each byte of x that
// is not safe (see safe), and maybe in some bytes above the first such
// one: the tests for "a byte below n" and "a byte equal to n" from Bit
// Twiddling Hacks only raise false alarms above a byte that truly
// matches, so the lowest set bit is exact. '<' and '>' differ only in
// bit 1, '"' and '&' only in bit 2: one equality test finds each pair.
func needsLook(x uint64) uint64 {
	lt20 := (x - ones*0x20) &^ x
	angle := (x | ones*0x02) ^ (ones * '>') // '<' or '>'
	angle = (angle - ones) &^ angle
	quoteAmp := (x | ones*0x04) ^ (ones * '&') // '"' or '&'
	quoteAmp = (quoteAmp - ones) &^ quoteAmp
	slash := x ^ (ones * '\\')
	slash = (slash - ones) &^ slash
	return (lt20 | angle | quoteAmp | slash | x) & highs
}

// safe marks the ASCII bytes encoding/json writes as they are: not a
// control character, '"', '\\', or one of the HTML characters <, >, &.
var safe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()
