package output

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// renderer counts the pages it renders, each "<name> v<version>".
type renderer struct {
	mu       sync.Mutex
	version  int
	rendered []string
	fail     map[string]bool
}

func (r *renderer) render(name string) ([]byte, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail[name] {
		return nil, true, errors.New("the layout failed")
	}
	r.rendered = append(r.rendered, name)
	return fmt.Appendf(nil, "%s v%d %s", name, r.version, strings.Repeat(".", 80)), true, nil
}

func (r *renderer) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.rendered)
}

func lookup(t *testing.T, m *Memory, name string) string {
	t.Helper()
	page, _, ok, err := m.Lookup(name)
	if !ok || err != nil {
		t.Fatalf("%s: found %v, error %v", name, ok, err)
	}
	return string(page[:strings.IndexByte(string(page), ' ')+3])
}

func TestLazyMemoryRendersWhenAsked(t *testing.T) {
	r := &renderer{version: 1}
	m := NewMemory()
	// Room for two pages of about 100 bytes.
	m.RenderWith(r.render, 250)
	b := m.Batch()
	for _, name := range []string{"a/index.html", "b/index.html", "c/index.html"} {
		if !b.Defer(name) {
			t.Fatalf("%s not deferred on the first build", name)
		}
	}
	b.WriteFile("search/index.json", []byte("{}"))
	if m.Has("a/index.html") {
		t.Error("a page is there before its batch is applied")
	}
	b.Apply()
	if r.count() != 0 {
		t.Fatalf("a build rendered %d pages", r.count())
	}
	if !m.Has("a/index.html") || m.Has("d/index.html") {
		t.Error("Has does not tell the deferred pages")
	}
	if got := strings.Join(m.Names(), " "); got != "a/index.html b/index.html c/index.html search/index.json" {
		t.Errorf("names: %s", got)
	}
	if got := lookup(t, m, "a/index.html"); got != "a/index.html v1" {
		t.Errorf("a: %q", got)
	}
	lookup(t, m, "a/index.html")
	if r.count() != 1 {
		t.Errorf("a page looked up twice was rendered %d times", r.count())
	}
	lookup(t, m, "b/index.html")
	lookup(t, m, "c/index.html") // a, the least recent, leaves the cache
	lookup(t, m, "a/index.html")
	if r.count() != 4 {
		t.Errorf("%d renders: the cache kept more than its budget", r.count())
	}

	// The next build: pages kept in the cache are rendered with it (a
	// tab may show them), the others deferred again.
	r.version = 2
	b = m.Batch()
	if b.Defer("a/index.html") {
		t.Error("a page in the cache was deferred")
	}
	b.WriteFile("a/index.html", []byte("a/index.html v2 (with the build)"))
	if !b.Defer("b/index.html") {
		t.Error("a page out of the cache was not deferred")
	}
	b.Remove("c/index.html")
	if got := lookup(t, m, "a/index.html"); got != "a/index.html v1" {
		t.Errorf("before the batch is applied, a is %q", got)
	}
	b.Apply()
	if got := lookup(t, m, "a/index.html"); got != "a/index.html v2" {
		t.Errorf("after the build, a is %q", got)
	}
	if got := lookup(t, m, "b/index.html"); got != "b/index.html v2" {
		t.Errorf("after the build, b is %q", got)
	}
	if m.Has("c/index.html") {
		t.Error("a removed page is still there")
	}
	if _, _, ok, _ := m.Lookup("c/index.html"); ok {
		t.Error("a removed page is still found")
	}

	// A page the renderer fails on is found, with the error; nothing is
	// kept of it.
	r.fail = map[string]bool{"d/index.html": true}
	b = m.Batch()
	b.Defer("d/index.html")
	b.Apply()
	if _, _, ok, err := m.Lookup("d/index.html"); !ok || err == nil {
		t.Errorf("a failing page: found %v, error %v", ok, err)
	}
}

// A Memory without a renderer holds every page: nothing is deferred.
func TestMemoryWithoutRendererHoldsPages(t *testing.T) {
	m := NewMemory()
	b := m.Batch()
	if b.Defer("a.html") {
		t.Fatal("deferred without a renderer")
	}
	b.WriteFile("a.html", []byte("A"))
	b.Apply()
	if page, _, ok, err := m.Lookup("a.html"); !ok || err != nil || string(page) != "A" {
		t.Errorf("a.html: %q %v %v", page, ok, err)
	}
}

// A deferred page the renderer no longer has (a build took it away while
// the lookup waited) is not found, rather than failed.
func TestLazyMemoryPageGoneMeanwhile(t *testing.T) {
	m := NewMemory()
	m.RenderWith(func(string) ([]byte, bool, error) { return nil, false, nil }, 1<<20)
	b := m.Batch()
	b.Defer("gone.html")
	b.Apply()
	if page, _, ok, err := m.Lookup("gone.html"); ok || err != nil || page != nil {
		t.Errorf("a page gone meanwhile: %q, found %v, error %v", page, ok, err)
	}
}

// A page rendered while a batch comes is kept only when the batch left
// it as it was: a batch that defers it again makes the next lookup render
// the new version; one of other files alone (the search index, put in
// after its build) does not.
func TestLazyMemoryPagesRenderedDuringBatches(t *testing.T) {
	for _, c := range []struct {
		name    string
		batch   func(*Batch)
		renders int
	}{
		{"the page deferred again", func(b *Batch) { b.Defer("a.html") }, 2},
		{"the search index alone", func(b *Batch) { b.WriteFile("search/meta.json", []byte("{}")) }, 1},
	} {
		m := NewMemory()
		renders := 0
		var during func()
		m.RenderWith(func(string) ([]byte, bool, error) {
			renders++
			if during != nil {
				during()
			}
			return fmt.Appendf(nil, "render %d", renders), true, nil
		}, 1<<20)
		b := m.Batch()
		b.Defer("a.html")
		b.Apply()
		during = func() {
			during = nil
			b := m.Batch()
			c.batch(b)
			b.Apply()
		}
		if page, _, _, _ := m.Lookup("a.html"); string(page) != "render 1" {
			t.Fatalf("%s: first lookup %q", c.name, page)
		}
		page, _, _, _ := m.Lookup("a.html")
		if renders != c.renders || string(page) != fmt.Sprintf("render %d", c.renders) {
			t.Errorf("%s: rendered %d times, the second lookup gave %q; want %d", c.name, renders, page, c.renders)
		}
	}
}
