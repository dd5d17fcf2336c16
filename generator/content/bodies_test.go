package content

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"folio/generator/config"
	"folio/generator/shortcode"
)

// memStore is a BodyStore in memory that counts its hits.
type memStore struct {
	mu   sync.Mutex
	m    map[[sha256.Size]byte][]byte
	hits int // records asked for and found
	puts int // records made
}

func (s *memStore) Get(k [sha256.Size]byte) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[k]
	if ok {
		s.hits++
	}
	return b, ok
}

func (s *memStore) Put(k [sha256.Size]byte, b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = b
	s.puts++
}

// bodyCases are articles whose bodies carry every field of a record:
// links and their lines, raw HTML the sanitizer trims, shortcodes with
// refs and warnings, comments' anchors, headings.
var bodyCases = map[string]string{
	"content/articles/links.md":    "---\ntitle: Links\ndate: 2024-01-02\n---\n\n# A heading\n\nSee [the other](/articles/other/) and [out](https://example.org/).\n\n<span onclick=\"x()\">raw</span> <script>alert(1)</script>\n",
	"content/articles/calls.md":    "---\ntitle: Calls\ndate: 2024-01-03\nparams_x: 1\n---\n\nBefore {{< ref \"links.md\" >}} and {{< relref \"/articles/links\" >}}.\n\n{{< youtube id=\"abc\" >}}\n",
	"content/articles/comments.md": "---\ntitle: Comments\ndate: 2024-01-04\ncomments:\n  - id: c1\n    author: Ann\n    date: 2024-01-05\n    text: Hello\n---\n\n## Comment 1\n\nText.\n",
}

// TestBodiesFromTheStore: an article whose body the store has comes out
// exactly as the parse that stored it (the example archive's articles
// and bodyCases), without rendering; a body that calls shortcodes is
// rendered again when the shortcode context changed, one that does not
// is not.
func TestBodiesFromTheStore(t *testing.T) {
	files := map[string][]byte{}
	for name, src := range bodyCases {
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
	cfg := config.Default()
	set, _ := shortcode.Parse(nil, nil)
	base := NewParser(cfg).WithShortcodes(set, ShortcodeSite(cfg, nil))
	store := &memStore{m: map[[sha256.Size]byte][]byte{}}
	ctx, sc := sha256.Sum256([]byte("context")), sha256.Sum256([]byte("shortcodes"))
	first := base.WithBodies(store, ctx, sc)
	again := base.WithBodies(store, ctx, sc)
	calls := 0
	for name, src := range files {
		a, probs := first.Parse(name, src)
		if a == nil {
			t.Fatalf("%s: %v", name, probs)
		}
		if a.Shortcodes {
			calls++
		}
		hits := store.hits
		b, probs2 := again.Parse(name, src)
		if store.hits != hits+1 {
			t.Errorf("%s: not taken from the store", name)
		}
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(probs, probs2) {
			t.Errorf("%s: from the store\n%+v\n%v\nwant\n%+v\n%v", name, b, probs2, a, probs)
		}
	}
	if calls == 0 {
		t.Fatal("no article calls a shortcode")
	}
	// Another shortcode context: the articles that call shortcodes are
	// rendered again, the others still come from the store.
	other := base.WithBodies(store, ctx, sha256.Sum256([]byte("other shortcodes")))
	puts := store.puts
	for name, src := range files {
		other.Parse(name, src)
	}
	if got := store.puts - puts; got != calls {
		t.Errorf("with other shortcodes, %d bodies were rendered again; want the %d that call shortcodes", got, calls)
	}
	// Another context: nothing is found.
	hits := store.hits
	for name, src := range files {
		base.WithBodies(store, sha256.Sum256([]byte("another build")), sc).Parse(name, src)
	}
	if store.hits != hits {
		t.Errorf("in another context, %d bodies came from the store", store.hits-hits)
	}
}

// TestDamagedBodyRecords: no cut or changed record decodes, or panics.
func TestDamagedBodyRecords(t *testing.T) {
	sc := sha256.Sum256([]byte("shortcodes"))
	store := &memStore{m: map[[sha256.Size]byte][]byte{}}
	p := NewParser(config.Default()).WithBodies(store, [sha256.Size]byte{}, sc)
	for name, src := range bodyCases {
		p.Parse(name, []byte(src))
	}
	for _, rec := range store.m {
		if _, ok := decodeRendered(rec, sc); !ok {
			t.Fatal("a whole record does not decode")
		}
		for i := range len(rec) - 1 {
			if _, ok := decodeRendered(rec[:i], sc); ok {
				t.Errorf("a record cut at %d of %d decodes", i, len(rec))
			}
		}
		for i := range rec {
			b := append([]byte(nil), rec...)
			b[i] ^= 0xff
			decodeRendered(b, sc) // must not panic
		}
	}
}
