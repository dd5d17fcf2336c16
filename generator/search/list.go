package search

import (
	"encoding/binary"
	"slices"
)

// list is the positions of the articles filed under one class of a word,
// ascending. A full build only appends, and keeps them as varint gaps: a
// quarter of the memory of a []uint32, which matters with millions of
// them. A dev server's edits insert and delete positions, so its first
// edit expands every list (see Index.expand).
type list struct {
	gaps []byte // while compact
	last uint32 // the last position appended
	n    int
	ids  []uint32 // once expanded
}

func (l *list) len() int {
	if l.gaps == nil {
		return len(l.ids)
	}
	return l.n
}

// add appends a position past the last one to a compact list.
func (l *list) add(id uint32) {
	l.gaps = binary.AppendUvarint(l.gaps, uint64(id-l.last))
	l.last = id
	l.n++
}

// expand turns a compact list into a []uint32.
func (l *list) expand() {
	if l.gaps == nil {
		return
	}
	l.ids = make([]uint32, 0, l.n)
	id, b := uint32(0), l.gaps
	for len(b) > 0 {
		gap, size := binary.Uvarint(b)
		b = b[size:]
		id += uint32(gap)
		l.ids = append(l.ids, id)
	}
	l.gaps = nil
}

// remove drops id from an expanded list, reporting whether it was there.
func (l *list) remove(id uint32) bool {
	i, ok := slices.BinarySearch(l.ids, id)
	if ok {
		l.ids = slices.Delete(l.ids, i, i+1)
	}
	return ok
}

// has reports whether an expanded list has id.
func (l *list) has(id uint32) bool {
	_, found := slices.BinarySearch(l.ids, id)
	return found
}

// insert puts id in an expanded list, once.
func (l *list) insert(id uint32) {
	if i, found := slices.BinarySearch(l.ids, id); !found {
		l.ids = slices.Insert(l.ids, i, id)
	}
}

// appendTo encodes the list as appendList does. A compact list whose gaps
// are the smaller form is copied as it is.
func (l *list) appendTo(b []byte) []byte {
	if l.gaps == nil {
		return appendList(b, l.ids)
	}
	if l.n == 0 {
		return append(b, 0)
	}
	first, _ := binary.Uvarint(l.gaps)
	if mapLen := int(l.last-uint32(first))/8 + 1; mapLen+uvarintLen(first)+uvarintLen(uint64(mapLen)) < len(l.gaps) {
		c := *l
		c.expand()
		return appendList(b, c.ids)
	}
	b = binary.AppendUvarint(b, uint64(l.n)<<1)
	return append(b, l.gaps...)
}
