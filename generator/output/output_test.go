package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesWholeSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("gone/index.html", []byte("old")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s, err = Begin(dest)
	if err != nil {
		t.Fatalf("a folder we wrote must be replaceable: %v", err)
	}
	if err := s.WriteFile("a/index.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "a/index.html")); got != "one" {
		t.Errorf("before commit the old site must be intact, got %q", got)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "a/index.html")); got != "two" {
		t.Errorf("after commit got %q", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone")); !os.IsNotExist(err) {
		t.Error("a page that the new build did not write is still there")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("staging or old folders left beside the site: %v", entries)
	}
}

func TestAbortKeepsOldSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := Begin(dest)
	_ = s.WriteFile("index.html", []byte("good"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s, _ = Begin(dest)
	_ = s.WriteFile("index.html", []byte("half"))
	s.Abort()
	if got := read(t, filepath.Join(dest, "index.html")); got != "good" {
		t.Errorf("got %q after an aborted build", got)
	}
	if _, err := os.Stat(s.Dir()); !os.IsNotExist(err) {
		t.Error("the staging folder is still there")
	}
}

func TestStaleStagingIsCleared(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	stale := filepath.Join(filepath.Dir(dest), ".public.staging")
	if err := os.MkdirAll(filepath.Join(stale, "half"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "half")); !os.IsNotExist(err) {
		t.Error("files of a killed build's staging folder reached the site")
	}
}

func TestRefusesForeignFolders(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Begin(mine)
	if err == nil || !strings.Contains(err.Error(), "already holds files that this generator did not write") {
		t.Errorf("err = %v", err)
	}
	if got := read(t, filepath.Join(mine, "notes.txt")); got != "keep me" {
		t.Error("the user's file was touched")
	}
	file := filepath.Join(dir, "file")
	_ = os.WriteFile(file, nil, 0o644)
	if _, err := Begin(file); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("err = %v", err)
	}
	empty := filepath.Join(dir, "empty")
	_ = os.Mkdir(empty, 0o755)
	if _, err := Begin(empty); err != nil {
		t.Errorf("an empty folder must be usable: %v", err)
	}
}

func TestWriteRefusesEscapes(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, name := range []string{"../x", "/abs", "a/../../x", "", "a\\b", "nul\x00", Marker} {
		if err := s.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
}
