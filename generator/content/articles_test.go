package content

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/shortcode"
	"folio/generator/sitetest"
)

// memStore is an ArticleStore in memory that counts its hits (Hits),
// and the articles' records made, not their bodies' (puts).
type memStore struct {
	*sitetest.Store
	mu   sync.Mutex
	puts int
}

func newMemStore() *memStore { return &memStore{Store: sitetest.NewStore()} }

func (s *memStore) Put(k [sha256.Size]byte, b []byte) {
	s.Store.Put(k, b)
	if b[0] == recordVersion {
		s.mu.Lock()
		s.puts++
		s.mu.Unlock()
	}
}

// loaded is a with its body read from the store, as a parse without
// the store gives it.
func loaded(t *testing.T, a *Article) *Article {
	t.Helper()
	body, err := a.LoadBody()
	if err != nil {
		t.Fatalf("%s: %v", a.Path, err)
	}
	b := *a
	b.Body, b.stored = body, nil
	return &b
}

// recordCases are articles that, between them, set every field of an
// Article and every kind of front matter value a record keeps: links and
// their lines, raw HTML the sanitizer trims, shortcodes with refs and
// warnings, comments with replies, dates in UTC, in the site's zone, at
// fixed offsets and TOML's local ones, nested params, aliases, language.
var recordCases = map[string]string{
	"content/articles/links.md": "---\ntitle: Links *here*\ndate: 2024-01-02\nupdated: 2024-02-03T10:00:00+05:30\npublishDate: 2024-01-01T00:00:00Z\nexpiryDate: 2030-01-01\n" +
		"summary: A _short_ one\ndescription: For meta\nimage: /img/a.jpg\nimage_alt: A harbour\nimage_caption: Boats\nimage_credit: Ann\nlanguage: el\n" +
		"slug: the-links\naliases: [/old/links/, older.html]\npeople: [Ann Lee, Bo]\ntopics: Ports\n" +
		"extra: {n: 3, f: 1.5, yes: true, no: false, none: null, list: [a, 2, [x]], when: 2024-01-01T10:00:00+01:00, empty: [], blank: {}}\n---\n\n" +
		"# A heading\n\nSee [the other](/articles/other/) and [out](https://example.org/).\n\n![A boat](boat.jpg \"At sea\")\n\n<span onclick=\"x()\">raw</span> <script>alert(1)</script>\n",
	"content/articles/calls.md":    "---\ntitle: Calls\ndate: 2024-01-03\nparams_x: 1\nurl: /news/calls/\n---\n\nBefore {{< ref \"links.md\" >}} and {{< relref \"/articles/links\" >}}.\n\n{{< youtube id=\"abc\" >}}\n",
	"content/articles/comments.md": "---\ntitle: Comments\ndate: 2024-01-04\ndraft: true\ncomments:\n  - id: c1\n    author: Ann\n    url: https://ann.example/\n    date: 2024-01-05\n    text: Hello\n  - id: c2\n    parent: c1\n    author: Bo\n    date: 2024-01-06\n    text: Hi *Ann*\n---\n\n## Comment 1\n\nText.\n",
	"content/articles/toml.md":     "+++\ntitle = \"TOML\"\ndate = 2024-03-04T05:06:07\nlastmod = 2024-03-05\nat = 07:08:09\nwhen = 2024-03-04T05:06:07-07:00\n[deep]\nlist = [1, 2.5, \"x\"]\n+++\n\nText.\n",
	"content/articles/fixed.md": "---\ntitle: Fixed\ndate: 2024-01-07\nkicker: Explainer\nseries: The long road\npart: 2\ncorrections:\n  - date: 2024-01-09\n    text: An earlier version gave the wrong *year*.\n" +
		"  - date: 2024-01-08T10:00:00+02:00\n    kind: update\n    text: The minister replied.\n---\n\nText.\n",
	"content/articles/json.md": "{\n\"title\": \"JSON\",\n\"date\": \"2024-05-06T07:08:09Z\",\n\"n\": 1e3,\n\"tags\": null\n}\n\nText.\n",
}

// allArticles are recordCases and the example archive's articles.
func allArticles(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	for name, src := range recordCases {
		files[name] = []byte(src)
	}
	root := filepath.Join("..", "..")
	_ = filepath.WalkDir(filepath.Join(root, ArticlesDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	if len(files) < 20 {
		t.Fatalf("only %d articles found", len(files))
	}
	return files
}

// recordParser is a parser of the default config in a zone with summer
// time, so that dates in the site's zone are told from fixed offsets.
func recordParser(t *testing.T) *Parser {
	cfg := config.Default()
	loc, err := time.LoadLocation("Europe/Athens")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	cfg.Location = loc
	set, _ := shortcode.Parse(nil, nil)
	return NewParser(cfg).WithShortcodes(set, ShortcodeSite(cfg, nil))
}

// TestArticlesFromTheStore: an article the store has comes out exactly
// as the parse that stored it, problems and all (recordCases and the
// example archive's articles), without parsing; an article that calls
// shortcodes is parsed again when the shortcode context changed, one
// that does not is not.
func TestArticlesFromTheStore(t *testing.T) {
	files := allArticles(t)
	base := recordParser(t)
	store := newMemStore()
	ctx, sc := sha256.Sum256([]byte("context")), sha256.Sum256([]byte("shortcodes"))
	first := base.WithStore(store, ctx, sc)
	again := base.WithStore(store, ctx, sc)
	calls, apart := 0, 0
	set := map[string]bool{} // the Article's fields some article sets
	for name, src := range files {
		a, probs := first.Parse(name, src)
		if a == nil {
			t.Fatalf("%s: %v", name, probs)
		}
		if a.stored != nil {
			apart++
		}
		// The store changes nothing of the article but where its body is.
		if plain, plainProbs := base.Parse(name, src); !reflect.DeepEqual(loaded(t, a), plain) || !reflect.DeepEqual(probs, plainProbs) {
			t.Errorf("%s: parsed with the store\n%#v\nwithout\n%#v", name, loaded(t, a), plain)
		}
		if a.Shortcodes {
			calls++
		}
		v := reflect.ValueOf(*a)
		for i := range v.NumField() {
			if !v.Field(i).IsZero() && (v.Field(i).Kind() != reflect.Map || v.Field(i).Len() > 0) {
				set[v.Type().Field(i).Name] = true
			}
		}
		hits := store.Hits
		b, probs2 := again.Parse(name, src)
		if store.Hits != hits+1 {
			t.Errorf("%s: not taken from the store", name)
		}
		if b.stored == nil != (a.stored == nil) {
			t.Errorf("%s: body kept apart %t, then %t", name, a.stored != nil, b.stored != nil)
		}
		if !reflect.DeepEqual(loaded(t, a), loaded(t, b)) || !reflect.DeepEqual(probs, probs2) {
			t.Errorf("%s: from the store\n%#v\n%v\nwant\n%#v\n%v", name, loaded(t, b), probs2, loaded(t, a), probs)
		}
	}
	if apart < len(files)-2 {
		t.Errorf("%d of %d bodies kept apart; only those with refs should stay", apart, len(files))
	}
	// A field no case sets could be left out of records unseen.
	for i := range reflect.TypeFor[Article]().NumField() {
		if f := reflect.TypeFor[Article]().Field(i).Name; !set[f] {
			t.Errorf("no case sets Article.%s: add one to recordCases", f)
		}
	}
	if calls == 0 {
		t.Fatal("no article calls a shortcode")
	}
	// Another shortcode context: the articles that call shortcodes are
	// parsed again, the others still come from the store.
	other := base.WithStore(store, ctx, sha256.Sum256([]byte("other shortcodes")))
	puts := store.puts
	for name, src := range files {
		other.Parse(name, src)
	}
	if got := store.puts - puts; got != calls {
		t.Errorf("with other shortcodes, %d articles were parsed again; want the %d that call shortcodes", got, calls)
	}
	// Another context: nothing is found.
	hits := store.Hits
	for name, src := range files {
		base.WithStore(store, sha256.Sum256([]byte("another build")), sc).Parse(name, src)
	}
	if store.Hits != hits {
		t.Errorf("in another context, %d articles came from the store", store.Hits-hits)
	}
}

// TestDamagedArticleRecords: no cut or changed record decodes, or
// panics.
func TestDamagedArticleRecords(t *testing.T) {
	sc := sha256.Sum256([]byte("shortcodes"))
	store := newMemStore()
	p := recordParser(t).WithStore(store, [sha256.Size]byte{}, sc)
	for name, src := range recordCases {
		p.Parse(name, []byte(src))
	}
	if store.puts != len(recordCases) {
		t.Fatalf("%d records of %d articles", store.puts, len(recordCases))
	}
	for _, rec := range store.M {
		if rec[0] != recordVersion {
			continue // a body's, read whole or not at all (see TestLostBodies)
		}
		if _, _, ok := p.decodeArticle(rec, "a.md"); !ok {
			t.Fatal("a whole record does not decode")
		}
		for i := range len(rec) - 1 {
			if _, _, ok := p.decodeArticle(rec[:i], "a.md"); ok {
				t.Errorf("a record cut at %d of %d decodes", i, len(rec))
			}
		}
		for i := range rec {
			b := append([]byte(nil), rec...)
			b[i] ^= 0xff
			p.decodeArticle(b, "a.md") // must not panic
		}
	}
}

// TestLostBodies: a body the store no longer has is rendered again from
// the article's file, as it was; a file changed since it was read is an
// error that says so, never another body.
func TestLostBodies(t *testing.T) {
	root := t.TempDir()
	name := "content/articles/a.md"
	src := "---\ntitle: A\ndate: 2024-01-02\n---\n\nThe *first* text.\n"
	if err := os.MkdirAll(filepath.Join(root, "content", "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	store := newMemStore()
	p := recordParser(t).WithStore(store, [sha256.Size]byte{}, [sha256.Size]byte{})
	a, probs := p.Load(root, name)
	if a == nil || a.stored == nil || a.Body != "" {
		t.Fatalf("body not kept apart: %+v %v", a, probs)
	}
	want := "<p>The <em>first</em> text.</p>\n"
	if body, err := a.LoadBody(); err != nil || body != want {
		t.Fatalf("LoadBody = %q, %v; want %q", body, err, want)
	}
	delete(store.M, a.stored.key)
	if body, err := a.LoadBody(); err != nil || body != want {
		t.Errorf("lost from the store: LoadBody = %q, %v; want %q", body, err, want)
	}
	if err := os.WriteFile(filepath.Join(root, name), []byte(strings.Replace(src, "first", "second", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if body, err := a.LoadBody(); err == nil || !strings.Contains(err.Error(), "content/articles/a.md changed while the site was built") {
		t.Errorf("file changed: LoadBody = %q, %v; want an error saying so", body, err)
	}
}

// TestDeepRecordValues: a record of a value nested deeper than a record
// may hold is refused whole, without exhausting the stack.
func TestDeepRecordValues(t *testing.T) {
	p := recordParser(t)
	var v any = "leaf"
	for range 10 * maxValueDepth {
		v = []any{v}
	}
	a := &Article{Path: "a.md", Params: map[string]any{"deep": v}, Refs: []shortcode.Ref{{Token: "t"}}}
	b, ok := p.encodeArticle(a, nil)
	if !ok {
		t.Fatal("not encoded")
	}
	if _, _, ok := p.decodeArticle(b, "a.md"); ok {
		t.Error("a value nested 1,000 deep decoded")
	}
}
