package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// harness runs a watcher on a fresh site folder.
type harness struct {
	t       *testing.T
	root    string
	batches chan []string
}

func start(t *testing.T) *harness {
	t.Helper()
	return startQuiet(t, 50*time.Millisecond, time.Second)
}

// startQuiet is start with the watcher's Quiet and MaxDelay.
func startQuiet(t *testing.T, quiet, maxDelay time.Duration) *harness {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/articles/2024", "layouts", "static", "public"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	w.Quiet, w.MaxDelay = quiet, maxDelay
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, root: root, batches: make(chan []string, 16)}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, h.batches) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		w.Close()
	})
	return h
}

func (h *harness) write(name, body string) {
	h.t.Helper()
	p := filepath.Join(h.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// next waits for one batch.
func (h *harness) next() []string {
	h.t.Helper()
	select {
	case b := <-h.batches:
		return b
	case <-time.After(5 * time.Second):
		h.t.Fatal("no batch within 5 s")
		return nil
	}
}

// none asserts that no batch arrives for a while.
func (h *harness) none() {
	h.t.Helper()
	select {
	case b := <-h.batches:
		h.t.Errorf("unexpected batch %v", b)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	// A busy machine can pause the writing loop for longer than the 50 ms
	// the other tests wait, which would rightly end a batch: here the
	// burst's files are written well within a quiet spell that long.
	h := startQuiet(t, time.Second, 30*time.Second)
	var want []string
	for i := range 300 {
		name := "content/articles/2024/a" + strconv.Itoa(i) + ".md"
		h.write(name, "x")
		want = append(want, name)
	}
	got := h.next()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Fatalf("batch of %d paths lacks %s", len(got), w)
		}
	}
	h.none()
}

func TestEditorSaveByRename(t *testing.T) {
	h := start(t)
	h.write("content/articles/2024/x.md", "one")
	h.next()
	// Write a temporary file, then rename it over the original.
	h.write("content/articles/2024/.x.md.tmp", "two")
	if err := os.Rename(filepath.Join(h.root, "content/articles/2024/.x.md.tmp"), filepath.Join(h.root, "content/articles/2024/x.md")); err != nil {
		t.Fatal(err)
	}
	got := h.next()
	if !slices.Contains(got, "content/articles/2024/x.md") {
		t.Errorf("batch %v lacks the saved file", got)
	}
	h.none()
}

func TestNewFoldersAreWatched(t *testing.T) {
	h := start(t)
	h.write("content/articles/2025/07/new.md", "x")
	got := h.next()
	if !slices.Contains(got, "content/articles/2025") {
		t.Errorf("batch %v lacks the new folder", got)
	}
	// A file written later in the new folder is seen too.
	time.Sleep(50 * time.Millisecond)
	h.write("content/articles/2025/07/later.md", "x")
	if got := h.next(); !slices.Contains(got, "content/articles/2025/07/later.md") {
		t.Errorf("batch %v lacks a file in a folder created while watching", got)
	}
}

func TestRenamedAndDeletedFolders(t *testing.T) {
	h := start(t)
	h.write("content/articles/old/a.md", "x")
	h.next()
	if err := os.Rename(filepath.Join(h.root, "content/articles/old"), filepath.Join(h.root, "content/articles/new")); err != nil {
		t.Fatal(err)
	}
	got := h.next()
	if !slices.Contains(got, "content/articles/old") || !slices.Contains(got, "content/articles/new") {
		t.Errorf("rename: batch %v lacks the old or new folder", got)
	}
	// The moved folder is still watched.
	time.Sleep(50 * time.Millisecond)
	h.write("content/articles/new/b.md", "x")
	if got := h.next(); !slices.Contains(got, "content/articles/new/b.md") {
		t.Errorf("batch %v lacks a file in the moved folder", got)
	}
	if err := os.RemoveAll(filepath.Join(h.root, "content/articles/new")); err != nil {
		t.Fatal(err)
	}
	if got := h.next(); !slices.Contains(got, "content/articles/new") {
		t.Errorf("delete: batch %v lacks the folder", got)
	}
}

func TestOnlySourcesCount(t *testing.T) {
	h := start(t)
	h.write("public/index.html", "x")
	h.write("notes.txt", "x")
	h.none()
	h.write("config.yaml", "title: x")
	h.write("layouts/home.html", "x")
	h.write("static/css/style.css", "x")
	got := h.next()
	for _, w := range []string{"config.yaml", "layouts/home.html", "static/css"} {
		if !slices.Contains(got, w) {
			t.Errorf("batch %v lacks %s", got, w)
		}
	}
}
