package content

import (
	"crypto/sha256"
	"html/template"
	"time"

	"folio/generator/diag"
	"folio/generator/sanitize"
	"folio/generator/shortcode"
)

// ArticleStore keeps parsed articles from one build to the next
// (blobcache.Cache): reading front matter and rendering Markdown are
// nearly all of the time a build spends on an article, and most articles
// of an archive do not change between builds.
type ArticleStore interface {
	Get(key [sha256.Size]byte) ([]byte, bool)
	Put(key [sha256.Size]byte, b []byte)
}

// WithStore returns a parser that keeps the articles it parses in store
// and takes them from it when it has them. An article is found by its
// name and whole file, and by context: what else decides how it parses
// (the generator's own executable, the config that shapes parsing). An
// article whose body calls shortcodes depends on the shortcodes, data
// files and site settings too, which shortcodes says; it is parsed again
// when they changed.
func (p *Parser) WithStore(store ArticleStore, context, shortcodes [sha256.Size]byte) *Parser {
	q := *p
	q.store, q.context, q.scContext = store, context, shortcodes
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

// recordKey is the store's key of a file's article: its name and the
// hash of its bytes (Article.Sum, taken once), in the parser's context.
func (p *Parser) recordKey(name string, sum [sha256.Size]byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write(p.context[:])
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(sum[:])
	return [sha256.Size]byte(h.Sum(nil))
}

// recordVersion begins every record: records of another layout are not
// read. (1 held a rendered body alone.)
const recordVersion = 2

// stored returns the article of a file, and the problems its parse
// found, when the store has them.
func (p *Parser) stored(key [sha256.Size]byte, name string) (*Article, diag.List, bool) {
	if p.store == nil {
		return nil, nil, false
	}
	b, ok := p.store.Get(key)
	if !ok {
		return nil, nil, false
	}
	return p.decodeArticle(b, name)
}

// keep puts an article, parsed without errors, in the store. An article
// with a value a record cannot hold (see recordWriter) is not kept: it
// is parsed again by every build.
func (p *Parser) keep(key [sha256.Size]byte, a *Article, probs diag.List) {
	if p.store == nil {
		return
	}
	if b, ok := p.encodeArticle(a, probs); ok {
		p.store.Put(key, b)
	}
}

// encodeArticle writes every field of a, but its Path (the record's
// key has it), and the problems its parse found, which a build from the
// record reports again.
func (p *Parser) encodeArticle(a *Article, probs diag.List) ([]byte, bool) {
	w := &recordWriter{b: make([]byte, 0, 256+len(a.Body)), site: p.loc}
	w.b = append(w.b, recordVersion)
	w.flag(a.Shortcodes)
	if a.Shortcodes {
		w.b = append(w.b, p.scContext[:]...)
	}
	w.b = append(w.b, a.Sum[:]...)
	for _, s := range []string{a.Title, string(a.TitleHTML), a.PublishKey, a.ExpiryKey, a.Slug, a.URL,
		a.Summary, string(a.SummaryHTML), a.Description, a.Image, a.ImageAlt, a.ImageCaption, a.ImageCredit,
		a.Language, a.Body} {
		w.str(s)
	}
	for _, t := range []time.Time{a.Date, a.Updated, a.Publish, a.Expiry} {
		w.time(t)
	}
	w.flag(a.Draft)
	w.num(a.WordCount)
	w.count(len(a.Lines), a.Lines == nil)
	for _, k := range sortedKeys(a.Lines) {
		w.str(k)
		w.num(a.Lines[k])
	}
	w.count(len(a.Aliases), a.Aliases == nil)
	for _, al := range a.Aliases {
		w.str(al.Path)
		w.str(al.Field)
	}
	w.count(len(a.Terms), a.Terms == nil)
	for _, k := range sortedKeys(a.Terms) {
		w.str(k)
		names := a.Terms[k]
		w.count(len(names), names == nil)
		for _, n := range names {
			w.str(n)
		}
	}
	w.values(a.Params)
	w.count(len(a.Links), a.Links == nil)
	for _, l := range a.Links {
		w.str(l.URL)
		w.num(l.Line)
	}
	w.count(len(a.Refs), a.Refs == nil)
	for _, ref := range a.Refs {
		w.str(ref.Token)
		w.str(ref.Target)
		w.num(ref.Line)
		w.flag(ref.Abs)
	}
	w.comments(a.Comments)
	w.count(len(probs), probs == nil)
	for _, pr := range probs {
		w.str(pr.Path)
		w.num(pr.Line)
		w.num(pr.Column)
		w.str(pr.Field)
		w.str(pr.Message)
		w.flag(pr.Warning)
	}
	return w.b, w.err == nil
}

func (w *recordWriter) comments(list []*Comment) {
	w.count(len(list), list == nil)
	for _, c := range list {
		w.str(c.ID)
		w.str(c.Author)
		w.str(c.URL)
		w.time(c.Date)
		w.str(string(c.Text))
		w.num(c.Depth)
		w.comments(c.Replies)
	}
}

// decodeArticle reads a record of the file name; ok is false when it is
// of another layout, damaged, or of a body that calls shortcodes made in
// another shortcode context than the parser's.
func (p *Parser) decodeArticle(b []byte, name string) (*Article, diag.List, bool) {
	if len(b) == 0 || b[0] != recordVersion {
		return nil, nil, false
	}
	r := &recordReader{b: b[1:], site: p.loc}
	a := &Article{Path: name}
	if a.Shortcodes = r.flag(); a.Shortcodes {
		if len(r.b) < sha256.Size || [sha256.Size]byte(r.b[:sha256.Size]) != p.scContext {
			return nil, nil, false
		}
		r.b = r.b[sha256.Size:]
	}
	if len(r.b) < sha256.Size {
		return nil, nil, false
	}
	a.Sum = [sha256.Size]byte(r.b[:sha256.Size])
	r.b = r.b[sha256.Size:]
	for _, s := range []*string{&a.Title, (*string)(&a.TitleHTML), &a.PublishKey, &a.ExpiryKey, &a.Slug, &a.URL,
		&a.Summary, (*string)(&a.SummaryHTML), &a.Description, &a.Image, &a.ImageAlt, &a.ImageCaption, &a.ImageCredit,
		&a.Language, &a.Body} {
		*s = r.str()
	}
	for _, t := range []*time.Time{&a.Date, &a.Updated, &a.Publish, &a.Expiry} {
		*t = r.time()
	}
	a.Draft = r.flag()
	a.WordCount = r.num()
	if n, isNil := r.count(); !isNil {
		a.Lines = make(map[string]int, n)
		for range n {
			k := r.str()
			a.Lines[k] = r.num()
		}
	}
	if n, isNil := r.count(); !isNil {
		a.Aliases = make([]Alias, n)
		for i := range a.Aliases {
			a.Aliases[i] = Alias{Path: r.str(), Field: r.str()}
		}
	}
	if n, isNil := r.count(); !isNil {
		a.Terms = make(map[string][]string, n)
		for range n {
			k := r.str()
			var names []string
			if m, isNil := r.count(); !isNil {
				names = make([]string, m)
				for i := range names {
					names[i] = r.str()
				}
			}
			a.Terms[k] = names
		}
	}
	a.Params = r.values()
	if n, isNil := r.count(); !isNil {
		a.Links = make([]BodyLink, n)
		for i := range a.Links {
			a.Links[i] = BodyLink{URL: r.str(), Line: r.num()}
		}
	}
	if n, isNil := r.count(); !isNil {
		a.Refs = make([]shortcode.Ref, n)
		for i := range a.Refs {
			a.Refs[i] = shortcode.Ref{Token: r.str(), Target: r.str(), Line: r.num(), Abs: r.flag()}
		}
	}
	a.Comments = r.comments(0)
	var probs diag.List
	if n, isNil := r.count(); !isNil {
		probs = make(diag.List, n)
		for i := range probs {
			probs[i] = &diag.Problem{Path: r.str(), Line: r.num(), Column: r.num(), Field: r.str(), Message: r.str(), Warning: r.flag()}
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, nil, false
	}
	return a, probs, true
}

// comments reads a thread; depth bounds the nesting a damaged record
// could ask for.
func (r *recordReader) comments(depth int) []*Comment {
	n, isNil := r.count()
	if isNil {
		return nil
	}
	if depth > MaxCommentDepth+1 {
		r.fail()
		return nil
	}
	list := make([]*Comment, n)
	for i := range list {
		c := &Comment{ID: r.str(), Author: r.str(), URL: r.str(), Date: r.time(), Text: template.HTML(r.str()), Depth: r.num()}
		c.Replies = r.comments(depth + 1)
		list[i] = c
	}
	return list
}
