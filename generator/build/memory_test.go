package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestBuildHoldsNoBodies: once read, an article's body lives in the
// article cache, not in the builder's memory, whether the build parsed
// the article or took it from the cache; only bodies whose refs the site
// rewrites stay. The pages still show every body (the output tests
// compare them with builds without the cache).
func TestBuildHoldsNoBodies(t *testing.T) {
	t.Parallel()
	root := smallSite(t)
	for _, step := range []string{"parsed", "from the cache"} {
		b := NewBuilder(Options{Source: root})
		sink := newMemorySink()
		if _, err := b.Build(sink, nil); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		for _, a := range b.site.Articles {
			refs := len(a.Parsed.Refs) > 0
			if held := a.Parsed.Body != ""; held != refs {
				t.Errorf("%s: %s: body held in memory %t, want %t", step, a.Path, held, refs)
			}
		}
		for page, want := range map[string]string{
			"articles/plain/index.html": "A <em>plain</em> body.",
			"articles/refs/index.html":  `See /articles/plain/.`,
			"articles/calls/index.html": "<aside>A note.</aside>",
		} {
			if !strings.Contains(sink.file(page), want) {
				t.Errorf("%s: %s lacks %q", step, page, want)
			}
		}
	}
}

// memorySink keeps the files a build writes, from every core.
type memorySink struct {
	mu    sync.Mutex
	files map[string]string
}

func newMemorySink() *memorySink { return &memorySink{files: map[string]string{}} }

func (m *memorySink) WriteFile(name string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = string(b)
	return nil
}

func (m *memorySink) CopyFile(name, src string) error { return nil }

func (m *memorySink) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
	return nil
}

// file is what the build wrote as name.
func (m *memorySink) file(name string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files[name]
}

// smallSite is a site of the repository's layouts and three articles:
// plain, with a ref the site rewrites, and calling a shortcode.
func smallSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"layouts", "static"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"config.yaml":                  "title: Bodies\nbaseURL: https://example.org/\n",
		"content/articles/plain.md":    "---\ntitle: Plain\ndate: 2024-01-02\n---\n\nA *plain* body.\n",
		"content/articles/refs.md":     "---\ntitle: Refs\ndate: 2024-01-04\n---\n\nSee {{< ref \"plain.md\" >}}.\n",
		"content/articles/calls.md":    "---\ntitle: Calls\ndate: 2024-01-05\n---\n\n{{< note >}}A note.{{< /note >}}\n",
		"layouts/shortcodes/note.html": `<aside>{{ .Inner }}</aside>`,
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestImagesThroughRefs: an image whose src a shortcode makes from the
// page's own address (a ref, resolved once the site knows its URLs) is
// processed and shown as a picture, as one written in the Markdown is.
func TestImagesThroughRefs(t *testing.T) {
	t.Parallel()
	root := smallSite(t)
	var pic bytes.Buffer
	if err := pngEncode(&pic, 900, 600); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"layouts/shortcodes/photo.html":       []byte(`<img src="{{ .Page.RelPermalink }}{{ .Get 0 }}" alt="{{ .Get 1 }}">`),
		"content/articles/bundle/index.md":    []byte("---\ntitle: Bundle\ndate: 2024-01-06\n---\n\n{{< photo \"harbour.png\" \"A harbour\" >}}\n"),
		"content/articles/bundle/harbour.png": pic.Bytes(),
	}
	for name, b := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []string{"parsed", "from the cache"} {
		b := NewBuilder(Options{Source: root})
		sink := newMemorySink()
		if _, err := b.Build(sink, nil); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		page := sink.file("articles/bundle/index.html")
		if !strings.Contains(page, "<picture>") || !strings.Contains(page, "harbour-480.") {
			t.Errorf("%s: the image the shortcode shows is no picture:\n%s", step, page)
		}
	}
}

// pngEncode writes a w×h PNG of a gradient.
func pngEncode(out *bytes.Buffer, w, h int) error {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	return png.Encode(out, img)
}
