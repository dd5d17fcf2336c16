package content

import (
	"crypto/sha256"
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"folio/generator/diag"
	"folio/generator/sanitize"
	"folio/generator/shortcode"
	"folio/generator/srcfile"
)

// ArticleStore keeps parsed articles from one build to the next
// (blobcache.Cache): reading front matter and rendering Markdown are
// nearly all of the time a build spends on an article, and most articles
// of an archive do not change between builds.
type ArticleStore interface {
	Get(key [sha256.Size]byte) ([]byte, bool)
	Put(key [sha256.Size]byte, b []byte)
	// Keep reports whether the store has a record of key, and keeps it
	// for the next build, without reading it.
	Keep(key [sha256.Size]byte) bool
}

// WithStore returns a parser that keeps the articles it parses in store
// and takes them from it when it has them. An article is found by its
// name and whole file, and by context: what else decides how it parses
// (the generator's own executable, the config that shapes parsing). An
// article whose body calls shortcodes depends on the shortcodes, data
// files and site settings too, which shortcodes says; it is parsed again
// when they changed.
//
// The parser keeps the bodies of the articles it gives (but for those
// whose shortcodes link to other pages, which the site rewrites) in the
// store alone: their Body is "", and LoadBody reads it when a page shows
// it, so that a build holds the metadata of its articles, not their text.
func (p *Parser) WithStore(store ArticleStore, context, shortcodes [sha256.Size]byte) *Parser {
	plain := *p
	plain.store, plain.plain = nil, nil
	q := plain
	q.store, q.plain, q.context, q.scContext = store, &plain, context, shortcodes
	return &q
}

// storedBody is where an article's body is, when the store keeps it.
type storedBody struct {
	store ArticleStore
	key   [sha256.Size]byte
	// file is the article's file on disk (set by Load), and parser one
	// without the store: a body the store lost is rendered from the file
	// again.
	file   string
	parser *Parser
}

// bodyVersion begins a body's record.
const bodyVersion = 1

// LoadBody returns the article's body: Body, or the store's copy when
// the store keeps it. A body the store no longer has whole (a cache
// damaged, or rewritten by another build, since) is rendered again from
// the article's file, which must be as it was.
func (a *Article) LoadBody() (string, error) {
	s := a.stored
	if s == nil {
		return a.Body, nil
	}
	if b, ok := s.store.Get(s.key); ok && len(b) > 0 && b[0] == bodyVersion {
		return string(b[1:]), nil
	}
	if s.file == "" {
		return "", fmt.Errorf("%s: the article cache lost its body: build again", a.Path)
	}
	src, err := srcfile.Read(s.file, srcfile.MaxText)
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Path, unwrapPath(err))
	}
	if sha256.Sum256(src) != a.Sum {
		return "", fmt.Errorf("%s changed while the site was built: build again", a.Path)
	}
	again, probs := s.parser.Parse(a.Path, src)
	if again == nil {
		return "", probs.Err()
	}
	return again.Body, nil
}

// IsArticle reports whether a record of an ArticleStore is an article's
// (not its body's): what a store that counts the articles parsed counts.
func IsArticle(record []byte) bool { return len(record) > 0 && record[0] == recordVersion }

// bodyApart reports whether an article's body is kept in a record of
// its own: all are, but those with refs, whose bodies the site rewrites
// once it knows every page's URL.
func bodyApart(a *Article) bool { return len(a.Refs) == 0 }

// bodyKey is the store's key of the body of the article of key.
func (p *Parser) bodyKey(key [sha256.Size]byte, shortcodes bool) [sha256.Size]byte {
	h := sha256.New()
	h.Write(key[:])
	h.Write([]byte("body"))
	if shortcodes {
		h.Write(p.scContext[:])
	}
	return [sha256.Size]byte(h.Sum(nil))
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
// read. (1 held a rendered body alone; 2 the body with the rest.)
const recordVersion = 5

// fromStore returns the article of a file, and the problems its parse
// found, when the store has them (and its body, when kept apart).
func (p *Parser) fromStore(key [sha256.Size]byte, name string) (*Article, diag.List, bool) {
	b, ok := p.store.Get(key)
	if !ok {
		return nil, nil, false
	}
	a, probs, ok := p.decodeArticle(b, name)
	if !ok {
		return nil, nil, false
	}
	if bodyApart(a) {
		bk := p.bodyKey(key, a.Shortcodes)
		if !p.store.Keep(bk) {
			return nil, nil, false
		}
		a.stored = &storedBody{store: p.store, key: bk, parser: p.plain}
	}
	return a, probs, true
}

// keep puts an article, parsed without errors, in the store, and its
// body apart (see WithStore). An article with a value a record cannot
// hold (see recordWriter) is not kept: it is parsed again by every build.
func (p *Parser) keep(key [sha256.Size]byte, a *Article, probs diag.List) {
	if p.store == nil {
		return
	}
	b, ok := p.encodeArticle(a, probs)
	if !ok {
		return
	}
	if bodyApart(a) {
		bk := p.bodyKey(key, a.Shortcodes)
		p.store.Put(bk, append([]byte{bodyVersion}, a.Body...))
		a.Body, a.stored = "", &storedBody{store: p.store, key: bk, parser: p.plain}
	}
	p.store.Put(key, b)
}

// encodeArticle writes every field of a, but its Path (the record's
// key has it), and the problems its parse found, which a build from the
// record reports again.
func (p *Parser) encodeArticle(a *Article, probs diag.List) ([]byte, bool) {
	body := a.Body
	if bodyApart(a) {
		body = ""
	}
	w := &recordWriter{b: make([]byte, 0, 256+len(body)), site: p.loc}
	w.b = append(w.b, recordVersion)
	w.flag(a.Shortcodes)
	if a.Shortcodes {
		w.b = append(w.b, p.scContext[:]...)
	}
	w.b = append(w.b, a.Sum[:]...)
	for _, s := range []string{a.Title, string(a.TitleHTML), a.PublishKey, a.ExpiryKey, a.Slug, a.URL,
		a.Summary, string(a.SummaryHTML), a.Description, a.Image, a.ImageAlt, a.ImageCaption, a.ImageCredit,
		a.Language, a.Kicker, body} {
		w.str(s)
	}
	w.count(len(a.BodyImages), a.BodyImages == nil)
	for _, src := range a.BodyImages {
		w.str(src)
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
	w.count(len(a.Corrections), a.Corrections == nil)
	for _, c := range a.Corrections {
		w.time(c.Date)
		w.str(c.Kind)
		w.str(c.Text)
		w.str(string(c.TextHTML))
	}
	w.str(a.Series)
	w.num(a.Part)
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
		&a.Language, &a.Kicker, &a.Body} {
		*s = r.str()
	}
	if n, isNil := r.count(1); !isNil {
		a.BodyImages = make([]string, n)
		for i := range a.BodyImages {
			a.BodyImages[i] = r.str()
		}
	}
	for _, t := range []*time.Time{&a.Date, &a.Updated, &a.Publish, &a.Expiry} {
		*t = r.time()
	}
	a.Draft = r.flag()
	a.WordCount = r.num()
	if n, isNil := r.count(2); !isNil {
		a.Lines = make(map[string]int, n)
		for range n {
			k := r.str()
			a.Lines[k] = r.num()
		}
	}
	if n, isNil := r.count(2); !isNil {
		a.Aliases = make([]Alias, n)
		for i := range a.Aliases {
			a.Aliases[i] = Alias{Path: r.str(), Field: r.str()}
		}
	}
	if n, isNil := r.count(2); !isNil {
		a.Terms = make(map[string][]string, n)
		for range n {
			k := r.str()
			var names []string
			if m, isNil := r.count(1); !isNil {
				names = make([]string, m)
				for i := range names {
					names[i] = r.str()
				}
			}
			a.Terms[k] = names
		}
	}
	a.Params = r.values()
	if n, isNil := r.count(2); !isNil {
		a.Links = make([]BodyLink, n)
		for i := range a.Links {
			a.Links[i] = BodyLink{URL: r.str(), Line: r.num()}
		}
	}
	if n, isNil := r.count(4); !isNil {
		a.Refs = make([]shortcode.Ref, n)
		for i := range a.Refs {
			a.Refs[i] = shortcode.Ref{Token: r.str(), Target: r.str(), Line: r.num(), Abs: r.flag()}
		}
	}
	a.Comments = r.comments(0)
	if n, isNil := r.count(5); !isNil {
		a.Corrections = make([]Correction, n)
		for i := range a.Corrections {
			a.Corrections[i] = Correction{Date: r.time(), Kind: r.str(), Text: r.str(), TextHTML: template.HTML(r.str())}
		}
	}
	a.Series = r.str()
	a.Part = r.num()
	var probs diag.List
	if n, isNil := r.count(6); !isNil {
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
	n, isNil := r.count(7)
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

// ImageSrcs lists the src of every img of body, HTML as goldmark and the
// sanitizer write it (an img tag is <img followed by quoted attributes),
// as written, in order: which images an article shows, known without
// its body.
func ImageSrcs(body string) []string {
	var out []string
	rest := body
	for {
		i := strings.Index(rest, "<img ")
		if i < 0 {
			return out
		}
		end := strings.IndexByte(rest[i:], '>')
		if end < 0 {
			return out
		}
		if src, ok := TagAttrs(rest[i : i+end+1])["src"]; ok {
			out = append(out, src)
		}
		rest = rest[i+end+1:]
	}
}

// TagAttrs reads the attributes of a start tag that the site's own HTML
// writes (name="value", entities in values decoded), names lowercased.
func TagAttrs(tag string) map[string]string {
	out := map[string]string{}
	s := tag[strings.IndexByte(tag, ' ')+1:]
	for {
		eq := strings.Index(s, `="`)
		if eq < 0 {
			return out
		}
		name := strings.TrimSpace(s[:eq])
		if j := strings.LastIndexAny(name, " \t\n"); j >= 0 {
			name = name[j+1:]
		}
		s = s[eq+2:]
		q := strings.IndexByte(s, '"')
		if q < 0 {
			return out
		}
		out[strings.ToLower(name)] = html.UnescapeString(s[:q])
		s = s[q+1:]
	}
}
