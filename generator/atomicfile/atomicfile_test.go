package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteReplacesLinks: the file is written whole, leaves no
// temporary file behind, and a link planted at its name is replaced, the
// file it led to untouched.
func TestWriteReplacesLinks(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "state")
	if err := os.Symlink(outside, name); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep" {
		t.Errorf("written through the link: %q", b)
	}
	if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
		t.Errorf("not a plain file: %v %v", info, err)
	}
	if b, _ := os.ReadFile(name); string(b) != "new" {
		t.Errorf("got %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
	if err := Write(filepath.Join(dir, "no", "such"), nil); err == nil {
		t.Error("no error for a missing folder")
	}
}

// TestSweepRemovesWhatKilledWritesLeft: the temporary files of the
// names swept go, links among them removed and not followed; those of
// other names, the files themselves and folders stay.
func TestSweepRemovesWhatKilledWritesLeft(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	state, prints := filepath.Join(dir, ".public.folio-state"), filepath.Join(dir, ".public.folio-pages")
	for _, name := range []string{state, prints} {
		if err := Write(name, []byte("whole")); err != nil {
			t.Fatal(err)
		}
	}
	// What two killed writes left: Create's names, never committed.
	for _, name := range []string{state, prints} {
		f, err := Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("part")
		f.Close()
	}
	if err := os.Symlink(outside, filepath.Join(dir, "..public.folio-state.tmp-99")); err != nil {
		t.Fatal(err)
	}
	// Another name's temporary file, and names not of the pattern.
	for _, n := range []string{"..other.tmp-1", "public.folio-state.tmp-1", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "..public.folio-pages.tmp-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	Sweep(state, prints)
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"..other.tmp-1", "..public.folio-pages.tmp-folder", ".public.folio-pages", ".public.folio-state", "notes.txt", "public.folio-state.tmp-1"}
	if strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("left %q,\nwant %q", left, want)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep" {
		t.Errorf("the file a link led to: %q", b)
	}
	for _, name := range []string{state, prints} {
		if b, _ := os.ReadFile(name); string(b) != "whole" {
			t.Errorf("%s: %q", name, b)
		}
	}
}

// TestTemporary tells Write's temporary names from others.
func TestTemporary(t *testing.T) {
	for name, want := range map[string]bool{"..public.folio-state.tmp-12": true, ".stamps.tmp-3": true, "stamps": false, "a.tmp-1": false, ".stamps": false} {
		if got := Temporary(name); got != want {
			t.Errorf("Temporary(%q) = %t", name, got)
		}
	}
}
