package site

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"math"
	"slices"
	"strconv"

	"folio/generator/parallel"
)

// MaxRelated is the most related articles an article lists.
const MaxRelated = 5

// relatedWindow bounds the work per article and term: of a term's
// articles, only the relatedWindow nearest in date on either side are
// candidates. Rare terms are scanned whole; a topic with thousands of
// articles contributes its neighbours in time, which are the better
// matches anyway since ties go to the closest date.
const relatedWindow = 60

// describing reports whether terms of a taxonomy say what an article is
// about (people, places, topics), as opposed to who wrote it.
func describing(t *Taxonomy) bool { return t.Name != "authors" }

// relate fills every article's Related list: articles scored by the terms
// they share, each weighted by its rarity (the inverse document frequency
// log(N/count)), so a shared rare person outweighs a shared common topic;
// ties go to the article closest in date, then to the file path.
// Deterministic, and linear in the number of articles.
func (s *Site) relate(kept RelatedStore) {
	n := len(s.Articles)
	if n < 2 {
		return
	}
	var key [sha256.Size]byte
	if kept != nil {
		key = s.relatedKey()
		if b, ok := kept.Get(key); ok && s.readRelated(b) {
			return
		}
		defer func() { kept.Put(key, s.appendRelated(nil)) }()
	}
	weight := func(t *Term) float64 { return math.Log(float64(n) / float64(t.Count())) }
	// Dates as plain numbers in one array: comparing them must not chase
	// a pointer per candidate.
	when := make([]int64, n)
	for i, a := range s.Articles {
		when[i] = a.Date.UnixNano()
	}
	parallel.For(n, func() func(int) {
		scores := make([]float64, n) // by article index; reset after use
		var touched []int
		return func(k int) {
			a := s.Articles[k]
			touched = touched[:0]
			for _, tt := range a.Subjects {
				for _, term := range tt.Terms {
					w := weight(term)
					list := term.Articles
					pos, _ := slices.BinarySearchFunc(list, a.index, func(b *Article, idx int) int { return cmp.Compare(b.index, idx) })
					for _, b := range list[max(0, pos-relatedWindow):min(len(list), pos+relatedWindow+1)] {
						if b == a {
							continue
						}
						if scores[b.index] == 0 {
							touched = append(touched, b.index)
						}
						scores[b.index] += w
					}
				}
			}
			a.Related = best(s.Articles, when, a, scores, touched)
			for _, idx := range touched {
				scores[idx] = 0
			}
		}
	})
}

// best picks the MaxRelated highest-scoring candidates for a.
func best(all []*Article, when []int64, a *Article, scores []float64, touched []int) []*Article {
	distance := func(idx int) int64 {
		d := when[idx] - when[a.index]
		if d < 0 {
			d = -d
		}
		return d
	}
	// better compares lazily: most comparisons are settled by the score,
	// and the path is needed only for exact ties.
	better := func(x, y int) int {
		if c := cmp.Compare(scores[y], scores[x]); c != 0 {
			return c
		}
		if c := cmp.Compare(distance(x), distance(y)); c != 0 {
			return c
		}
		return cmp.Compare(all[x].Path, all[y].Path)
	}
	top := make([]int, 0, MaxRelated+1)
	for _, idx := range touched {
		if scores[idx] <= 0 {
			continue // shares only terms that every article has
		}
		if len(top) == MaxRelated && better(idx, top[MaxRelated-1]) >= 0 {
			continue // most candidates lose to the fifth best: one comparison
		}
		pos, _ := slices.BinarySearchFunc(top, idx, better)
		if pos >= MaxRelated {
			continue
		}
		top = slices.Insert(top, pos, idx)
		if len(top) > MaxRelated {
			top = top[:MaxRelated]
		}
	}
	out := make([]*Article, len(top))
	for i, idx := range top {
		out[i] = all[idx]
	}
	return out
}

// RelatedStore keeps the related lists of a site between builds
// (blobcache.Cache): they depend on every article's date and subjects,
// which an edit seldom changes, and making them is a tenth of a rebuild's
// work at 200,000 articles.
type RelatedStore interface {
	Get(key [sha256.Size]byte) ([]byte, bool)
	Put(key [sha256.Size]byte, b []byte)
}

// relatedVersion begins every key: lists of another rule are not read.
const relatedVersion = "folio related 1\x00"

// relatedKey names everything relate reads: the articles in their order
// (which their dates and paths give), their dates, and the terms of each
// of their subjects, by taxonomy and slug, from which the terms' counts
// follow; and the rule's own bounds.
func (s *Site) relatedKey() [sha256.Size]byte {
	h := sha256.New()
	b := []byte(relatedVersion)
	b = strconv.AppendInt(b, MaxRelated, 10)
	b = strconv.AppendInt(append(b, ' '), relatedWindow, 10)
	h.Write(append(b, '\n'))
	for _, a := range s.Articles {
		b = append(append(b[:0], a.Path...), 0)
		b = strconv.AppendInt(b, a.Date.UnixNano(), 10)
		for _, tt := range a.Subjects {
			b = append(append(append(b, 0), tt.Taxonomy.Name...), ':')
			for _, t := range tt.Terms {
				b = append(append(b, t.Slug...), 0)
			}
		}
		h.Write(append(b, '\n'))
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// appendRelated encodes every article's related list: its length, then
// the positions of its articles, as varints.
func (s *Site) appendRelated(b []byte) []byte {
	for _, a := range s.Articles {
		b = binary.AppendUvarint(b, uint64(len(a.Related)))
		for _, r := range a.Related {
			b = binary.AppendUvarint(b, uint64(r.index))
		}
	}
	return b
}

// readRelated gives the articles the related lists appendRelated
// encoded, reporting whether they were whole: a list per article, of at
// most MaxRelated other articles of the site. Nothing is set otherwise.
func (s *Site) readRelated(b []byte) bool {
	n := len(s.Articles)
	lists := make([][]*Article, n)
	for i := range lists {
		count, k := binary.Uvarint(b)
		if k <= 0 || count > MaxRelated {
			return false
		}
		b = b[k:]
		list := make([]*Article, count)
		for j := range list {
			idx, k := binary.Uvarint(b)
			if k <= 0 || idx >= uint64(n) || int(idx) == i {
				return false
			}
			b = b[k:]
			list[j] = s.Articles[idx]
		}
		lists[i] = list
	}
	if len(b) > 0 {
		return false
	}
	for i, a := range s.Articles {
		a.Related = lists[i]
	}
	return true
}
