package content

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"

	"folio/generator/diag"
	"folio/generator/sanitize"
	"folio/generator/shortcode"
)

// BodyStore keeps rendered bodies from one build to the next
// (blobcache.Cache): rendering Markdown is two thirds of reading an
// article, and most articles of an archive do not change between builds.
type BodyStore interface {
	Get(key [sha256.Size]byte) ([]byte, bool)
	Put(key [sha256.Size]byte, b []byte)
}

// WithBodies returns a parser that keeps the bodies it renders in store
// and takes them from it when it has them. A body is found by the
// article's name and whole file, and by context: what else decides how
// it renders (the generator's own executable, the config that shapes
// parsing). A body that calls shortcodes depends on the shortcodes, data
// files and site settings too, which shortcodes says; it is rendered
// again when they changed.
func (p *Parser) WithBodies(store BodyStore, context, shortcodes [sha256.Size]byte) *Parser {
	q := *p
	q.bodies, q.bodyContext, q.scContext = store, context, shortcodes
	return &q
}

// rendered is what rendering an article's body gives, before its lines
// are moved to the file's.
type rendered struct {
	html, first string
	words       int
	links       []BodyLink
	removed     sanitize.Removed
	refs        []shortcode.Ref
	used        bool // the body calls shortcodes
	problems    diag.List
}

// bodyKey is the store's key of a file's body: its name and the hash of
// its bytes (Article.Sum, taken once), in the parser's context.
func (p *Parser) bodyKey(name string, sum [sha256.Size]byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write(p.bodyContext[:])
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(sum[:])
	return [sha256.Size]byte(h.Sum(nil))
}

// bodyVersion begins every record: records of another layout are not
// read.
const bodyVersion = 1

func (r *rendered) encode(scContext [sha256.Size]byte) []byte {
	b := []byte{bodyVersion}
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	flag(r.used)
	if r.used {
		b = append(b, scContext[:]...)
	}
	str(r.html)
	str(r.first)
	num(r.words)
	num(len(r.links))
	for _, l := range r.links {
		str(l.URL)
		num(l.Line)
	}
	for _, items := range [][]sanitize.Item{r.removed.Elements, r.removed.Attributes, r.removed.EndTags} {
		num(len(items))
		for _, it := range items {
			str(it.What)
			num(it.N)
		}
	}
	num(len(r.refs))
	for _, ref := range r.refs {
		str(ref.Token)
		str(ref.Target)
		num(ref.Line)
		flag(ref.Abs)
	}
	num(len(r.problems))
	for _, pr := range r.problems {
		str(pr.Path)
		num(pr.Line)
		num(pr.Column)
		str(pr.Field)
		str(pr.Message)
		flag(pr.Warning)
	}
	return b
}

var errRecord = errors.New("not a body record")

// decodeRendered reads a record; ok is false when it is of another
// layout, damaged, or of a body that calls shortcodes made in another
// shortcode context than scContext.
func decodeRendered(b []byte, scContext [sha256.Size]byte) (r rendered, ok bool) {
	var err error
	str := func() string {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			err = errRecord
			b = nil
			return ""
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s
	}
	num := func() int {
		n, k := binary.Varint(b)
		if k <= 0 || n < 0 || n > 1<<31 {
			err = errRecord
			b = nil
			return 0
		}
		b = b[k:]
		return int(n)
	}
	flag := func() bool {
		if len(b) == 0 {
			err = errRecord
			return false
		}
		v := b[0] == 1
		b = b[1:]
		return v
	}
	// count bounds a list's length by the bytes left, so that a damaged
	// count cannot ask for a huge slice.
	count := func() int {
		n := num()
		if n > len(b) {
			err = errRecord
			return 0
		}
		return n
	}
	if len(b) == 0 || b[0] != bodyVersion {
		return r, false
	}
	b = b[1:]
	if r.used = flag(); r.used {
		if len(b) < sha256.Size || [sha256.Size]byte(b[:sha256.Size]) != scContext {
			return r, false
		}
		b = b[sha256.Size:]
	}
	r.html, r.first, r.words = str(), str(), num()
	if n := count(); n > 0 {
		r.links = make([]BodyLink, n)
		for i := range r.links {
			r.links[i] = BodyLink{URL: str(), Line: num()}
		}
	}
	for _, items := range []*[]sanitize.Item{&r.removed.Elements, &r.removed.Attributes, &r.removed.EndTags} {
		if n := count(); n > 0 {
			*items = make([]sanitize.Item, n)
			for i := range *items {
				(*items)[i] = sanitize.Item{What: str(), N: num()}
			}
		}
	}
	if n := count(); n > 0 {
		r.refs = make([]shortcode.Ref, n)
		for i := range r.refs {
			r.refs[i] = shortcode.Ref{Token: str(), Target: str(), Line: num(), Abs: flag()}
		}
	}
	if n := count(); n > 0 {
		r.problems = make(diag.List, n)
		for i := range r.problems {
			r.problems[i] = &diag.Problem{Path: str(), Line: num(), Column: num(), Field: str(), Message: str(), Warning: flag()}
		}
	}
	if err != nil || len(b) != 0 {
		return rendered{}, false
	}
	return r, true
}
