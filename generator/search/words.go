package search

import (
	"crypto/sha256"
	"encoding/binary"

	"folio/generator/site"
)

// WordStore keeps the words of articles between builds
// (blobcache.Cache): splitting an article's text into words is most of
// what indexing it costs, and most articles of an archive do not change
// from one build to the next. Build calls Get and Put from two
// goroutines at once (see wordsAhead).
type WordStore interface {
	Get(key [sha256.Size]byte) ([]byte, bool)
	Put(key [sha256.Size]byte, b []byte)
}

// KeepWords makes the next builds take each article's own words (those of
// its body, summary and title, each with the best class the article has
// it in) from store when it has them for the same file, and keep there
// those it splits. context stands for what else decides the words: the
// generator that splits them and the settings that shape parsing;
// shortcodes, for what else decides those of an article that calls
// shortcodes (the shortcodes, data files and config). A nil store stops
// it.
func (x *Index) KeepWords(store WordStore, context, shortcodes [sha256.Size]byte) {
	x.store, x.context, x.scContext = store, context, shortcodes
}

// wordsVersion begins every key: records of another layout are not read.
const wordsVersion = "folio search words 1\x00"

// wordsKey is the store's key of an article's own words: its file, by
// path and hash, which with context (what else shapes the parse) decides
// its text; and its body itself when refs to other pages were resolved
// into it.
func (x *Index) wordsKey(a *site.Article) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(wordsVersion))
	h.Write(x.context[:])
	h.Write([]byte(a.Path))
	h.Write([]byte{0})
	h.Write(a.Parsed.Sum[:])
	if a.Parsed.Shortcodes {
		h.Write(x.scContext[:])
	}
	if len(a.Parsed.Refs) > 0 {
		body, _ := a.Body() // in memory: an article with refs
		h.Write([]byte(body))
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// lookup is what the store holds of an article's own words: its key,
// and its record when it is there whole.
type lookup struct {
	key [sha256.Size]byte
	rec []byte
	ok  bool
}

// look asks the store for the words of a.
func (x *Index) look(a *site.Article) lookup {
	l := lookup{key: x.wordsKey(a)}
	l.rec, l.ok = x.store.Get(l.key)
	l.ok = l.ok && validWords(l.rec)
	return l
}

// ownWords adds the words of the article's body, summary and title, as
// the document at pos, with add, or from the store when it has them
// (looked, when they were asked for ahead; nil to ask now), and returns
// seen, the postings recorded. Split anew, they are kept in the store:
// the postings seen then, with their best classes, are the article's
// own words.
func (x *Index) ownWords(a *site.Article, pos int, add func(class) func(string), seen *[]*postings, looked *lookup) []*postings {
	if x.store == nil {
		x.splitOwn(a, add)
		return *seen
	}
	if looked == nil {
		l := x.look(a)
		looked = &l
	}
	if looked.ok {
		for b := looked.rec; len(b) > 0; {
			n, k := binary.Uvarint(b[1:])
			x.addBytes(pos, class(b[0]), b[1+k:1+k+int(n)], seen)
			b = b[1+k+int(n):]
		}
		return *seen
	}
	first := len(*seen)
	if !x.splitOwn(a, add) {
		return *seen // not kept: the words of a body that could not be read
	}
	var rec []byte
	for _, p := range (*seen)[first:] {
		rec = append(rec, byte(p.best))
		rec = binary.AppendUvarint(rec, uint64(len(p.word)))
		rec = append(rec, p.word...)
	}
	x.store.Put(looked.key, rec)
	return *seen
}

// wordsAhead asks the store for the words of articles, in their order,
// on a goroutine of its own a few hundred articles ahead of the
// indexing: finding, reading and checking a record cost as much as
// filing its words, and after an edit at 200,000 articles the index,
// made on one core, was the longest part of the build. looked(i) is the
// store's answer for articles[i] (nil when there is no store); i must
// go up by one from 0. stop ends the asking early.
func (x *Index) wordsAhead(articles []*site.Article) (looked func(i int) *lookup, stop func()) {
	if x.store == nil || len(articles) == 0 {
		return func(int) *lookup { return nil }, func() {}
	}
	const chunk = 512
	chunks := make(chan []lookup, 4)
	quit := make(chan struct{})
	go func() {
		defer close(chunks)
		for lo := 0; lo < len(articles); lo += chunk {
			ls := make([]lookup, min(chunk, len(articles)-lo))
			for i := range ls {
				ls[i] = x.look(articles[lo+i])
			}
			select {
			case chunks <- ls:
			case <-quit:
				return
			}
		}
	}()
	var cur []lookup
	base := 0
	looked = func(i int) *lookup {
		for i >= base+len(cur) {
			base += len(cur)
			next, ok := <-chunks
			if !ok {
				return nil
			}
			cur = next
		}
		return &cur[i-base]
	}
	stop = func() {
		close(quit)
		for range chunks { // let the reader see quit, and end
		}
	}
	return looked, stop
}

// splitOwn adds the words of the article's body, summary and title; it
// reports whether it could read the body (see site.Article.Body).
func (x *Index) splitOwn(a *site.Article, add func(class) func(string)) bool {
	body, err := a.Body()
	if err != nil && x.err == nil {
		x.err = err
	}
	tokens(PlainText(body), x.folds, add(inBody))
	tokens(a.Summary, x.folds, add(inSummary))
	tokens(a.Title, x.folds, add(inTitle))
	return err == nil
}

// validWords reports whether a record of words is whole: each a known
// class and a length within the record.
func validWords(rec []byte) bool {
	for b := rec; len(b) > 0; {
		n, k := binary.Uvarint(b[1:])
		if b[0] >= byte(numClasses) || k <= 0 || uint64(len(b)-1-k) < n {
			return false
		}
		b = b[1+k+int(n):]
	}
	return true
}

// addBytes is what adder's functions do, for a word in bytes: the
// postings are looked up without making a string of it, unless it is new.
func (x *Index) addBytes(pos int, c class, w []byte, seen *[]*postings) {
	h := uint32(2166136261) // FNV-1a, as lookup
	for _, b := range w {
		h = (h ^ uint32(b)) * 16777619
	}
	slot := &x.recent[h&(recentSize-1)]
	p := *slot
	if p == nil || p.word != string(w) {
		if p = x.words[string(w)]; p == nil {
			p = &postings{word: string(w), doc: -1}
			x.words[p.word] = p
		}
		*slot = p
	}
	p.mark(pos, c, seen)
}
