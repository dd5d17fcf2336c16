package search

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"strings"
	"testing"

	"folio/generator/sitetest"
)

// TestWordsFromTheStore: an index built with articles' words from the
// store is the very index built by splitting their text; an article whose
// text changed is split anew; a damaged record is split anew too.
func TestWordsFromTheStore(t *testing.T) {
	s := testSite(t, articles)
	want := New().Build(s).Files
	store := sitetest.NewStore()
	shortcodes := sha256.Sum256([]byte("these shortcodes"))
	build := func(what string) {
		t.Helper()
		x := New()
		x.KeepWords(store, sha256.Sum256([]byte("this generator")), shortcodes)
		if got := x.Build(s).Files; !maps.EqualFunc(got, want, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Errorf("%s: the index differs from one split anew", what)
		}
	}
	build("split and stored")
	if store.Puts != len(s.Articles) || store.Hits != 0 {
		t.Fatalf("first build: %d put, %d found; want %d and 0", store.Puts, store.Hits, len(s.Articles))
	}
	build("from the store")
	if store.Hits != len(s.Articles) || store.Puts != len(s.Articles) {
		t.Errorf("second build: %d found, %d put; want all found", store.Hits, store.Puts)
	}
	// Damaged: a class past the last, and a length past the end.
	for k, rec := range store.M {
		bad := append([]byte{byte(numClasses)}, rec...)
		store.M[k] = bad
		break
	}
	for k, rec := range store.M {
		if rec[0] < byte(numClasses) {
			store.M[k] = append(append([]byte(nil), rec...), 0, 200)
			break
		}
	}
	build("with damaged records")
	if store.Puts != len(s.Articles)+2 {
		t.Errorf("damaged records: %d put in all; want the 2 split anew", store.Puts-len(s.Articles))
	}
	// One file edited: its words are split anew, the others' are not.
	edited := maps.Clone(articles)
	edited["content/articles/a.md"] = strings.Replace(edited["content/articles/a.md"], "A quiet day.", "A quiet day, and more.", 1)
	s = testSite(t, edited)
	want = New().Build(s).Files
	puts := store.Puts
	build("after an edit")
	if store.Puts != puts+1 {
		t.Errorf("after an edit: %d split anew, want 1", store.Puts-puts)
	}
}

// TestWordsOfShortcodeArticles: only the words of an article that calls
// shortcodes are split anew when the shortcodes (or the data files and
// config they see) change.
func TestWordsOfShortcodeArticles(t *testing.T) {
	s := testSite(t, articles)
	s.Articles[1].Parsed.Shortcodes = true
	store := sitetest.NewStore()
	for _, sc := range []string{"these", "these", "other"} {
		x := New()
		x.KeepWords(store, sha256.Sum256([]byte("this generator")), sha256.Sum256([]byte(sc)))
		x.Build(s)
	}
	if want := len(s.Articles) + 1; store.Puts != want {
		t.Errorf("%d articles' words split in all, want %d: all once, the one with shortcodes again", store.Puts, want)
	}
}

// TestWordsReadAheadOfManyArticles: with more articles than the reading
// ahead takes at once, and the store holding the words of only some of
// them, the index is the one split anew, every article's words are
// found or split once, and the store is read and written from two
// goroutines at once (run with -race).
func TestWordsReadAheadOfManyArticles(t *testing.T) {
	files := map[string]string{}
	for i := range 1300 {
		files[fmt.Sprintf("content/articles/n%04d.md", i)] = fmt.Sprintf(
			"---\ntitle: Note %d on harbour %d\ndate: 2020-01-%02d\n---\nWord%d and word%d, the tide.\n", i, i%37, i%28+1, i, i%11)
	}
	s := testSite(t, files)
	want := New().Build(s).Files
	context, shortcodes := sha256.Sum256([]byte("this generator")), sha256.Sum256([]byte("these shortcodes"))
	store := sitetest.NewStore()
	half := New()
	half.KeepWords(store, context, shortcodes)
	half.Build(testSite(t, func() map[string]string {
		some := map[string]string{}
		for name, text := range files {
			if strings.HasSuffix(name, "0.md") || strings.HasSuffix(name, "3.md") {
				some[name] = text
			}
		}
		return some
	}()))
	kept := store.Puts
	x := New()
	x.KeepWords(store, context, shortcodes)
	if got := x.Build(s).Files; !maps.EqualFunc(got, want, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Error("the index differs from one split anew")
	}
	if store.Hits != kept || store.Puts != len(s.Articles) {
		t.Errorf("%d found, %d put in all; want the %d kept found and the other %d split", store.Hits, store.Puts, kept, len(s.Articles)-kept)
	}
}
