package output

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// stage writes one site into dest, the files given by name (a value
// starting with "copy:" or "link:" copies or links that file), and
// commits it.
func stage(t *testing.T, dest, owned string, files map[string]string) (*Staging, Changes) {
	t.Helper()
	s, err := begin(t, dest, owned)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range files {
		switch {
		case strings.HasPrefix(v, "copy:"):
			err = s.CopyFile(name, strings.TrimPrefix(v, "copy:"))
		case strings.HasPrefix(v, "link:"):
			err = s.LinkFile(name, strings.TrimPrefix(v, "link:"), nil, FileID{})
		default:
			err = s.WriteFile(name, []byte(v))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return s, commit(t, s)
}

// commit commits s and returns what it changed.
func commit(t *testing.T, s *Staging) Changes {
	t.Helper()
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	ch, err := s.Changes()
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func inode(t *testing.T, p string) (uint64, time.Time) {
	t.Helper()
	info, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino, info.ModTime()
}

// TestUnchangedFilesAreKept: a build keeps each file of the last site
// whose bytes it would write again (a page, a copied static file, an
// image linked from the cache) as the same file, with its inode and
// time, and writes the rest; the manifest lists every file's SHA-256 as
// sha256sum does; the changes are counted.
func TestUnchangedFilesAreKept(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	css := filepath.Join(dir, "style.css")
	img := filepath.Join(dir, "cache-photo.webp")
	write := func(p, s string, mode os.FileMode) {
		if err := os.WriteFile(p, []byte(s), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(css, "body{}", 0o644)
	write(img, "RIFF webp bytes", 0o444)
	first, ch := stage(t, dest, "", map[string]string{
		"index.html": "one", "a/index.html": "same", "gone/index.html": "x",
		"style.css": "copy:" + css, "img/photo.webp": "link:" + img,
	})
	if ch != (Changes{Written: 5}) {
		t.Errorf("first build: %+v", ch)
	}
	man, err := os.ReadFile(ManifestPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	want := sum("same") + "  a/index.html\n" + sum("x") + "  gone/index.html\n" + sum("RIFF webp bytes") + "  img/photo.webp\n" +
		sum("one") + "  index.html\n" + sum("body{}") + "  style.css\n"
	if string(man) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", man, want)
	}
	before := map[string]uint64{}
	times := map[string]time.Time{}
	for _, n := range []string{"index.html", "a/index.html", "style.css", "img/photo.webp"} {
		before[n], times[n] = inode(t, filepath.Join(dest, n))
	}

	_, ch = stage(t, dest, first.ID(), map[string]string{
		"index.html": "two", "a/index.html": "same", "new.html": "n",
		"style.css": "copy:" + css, "img/photo.webp": "link:" + img,
	})
	if ch.Compared = 0; ch != (Changes{Written: 2, Kept: 3, Removed: 1}) {
		t.Errorf("second build: %+v, want 2 written, 3 kept, 1 removed", ch)
	}
	for n, ino := range before {
		now, at := inode(t, filepath.Join(dest, n))
		if kept := now == ino && at.Equal(times[n]); kept != (n != "index.html") {
			t.Errorf("%s: inode %d → %d, time %v → %v", n, ino, now, times[n], at)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "two" {
		t.Errorf("index.html is %q", got)
	}
}

// TestLinkedSumNotRead: the hash the image cache gives for its file is
// the manifest's, and the file is not read for it (a cache of thousands
// of images is not hashed on every build into a new folder).
func TestLinkedSumNotRead(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	img := filepath.Join(dir, "cache-photo.webp")
	if err := os.WriteFile(img, []byte("RIFF webp bytes"), 0o444); err != nil {
		t.Fatal(err)
	}
	given := sha256.Sum256([]byte("what the cache's entry says"))
	s, err := begin(t, dest, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkFile("img/photo.webp", img, &given, FileID{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	man, _ := os.ReadFile(ManifestPath(dest))
	if want := hex.EncodeToString(given[:]) + "  img/photo.webp\n"; string(man) != want {
		t.Errorf("manifest %q, want %q", man, want)
	}
}

// TestKeptOnlyWhenTrustworthy: a file of the output edited by hand since
// the last build, a folder of it replaced by a link to elsewhere, or a
// damaged manifest make the build write the files again, never keep
// what the manifest no longer describes or what lies outside the folder.
func TestKeptOnlyWhenTrustworthy(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	files := map[string]string{"a/index.html": "same", "b/index.html": "page"}
	last, _ := stage(t, dest, "", files)

	// A hand edit of the same size.
	if err := os.WriteFile(filepath.Join(dest, "a/index.html"), []byte("SAME"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A folder swapped for a link to a look-alike outside the output,
	// its file's time set back before the manifest.
	outside := filepath.Join(dir, "elsewhere")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "index.html"), []byte("page"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(outside, "index.html"), old, old)
	if err := os.RemoveAll(filepath.Join(dest, "b")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "b")); err != nil {
		t.Fatal(err)
	}
	outsideIno, _ := inode(t, filepath.Join(outside, "index.html"))

	last, ch := stage(t, dest, last.ID(), files)
	if ch.Kept != 0 || ch.Written != 2 {
		t.Errorf("%+v: kept what the manifest no longer describes", ch)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(got) != "same" {
		t.Errorf("a/index.html is %q", got)
	}
	if ino, _ := inode(t, filepath.Join(dest, "b/index.html")); ino == outsideIno {
		t.Error("b/index.html is the file outside the output folder")
	}

	// Now all is as recorded: both kept; then a damaged manifest.
	if _, ch := stage(t, dest, last.ID(), files); ch.Kept != 2 {
		t.Errorf("%+v: an unchanged site's files were not kept", ch)
	}
	for _, bad := range []string{"not a manifest\n", strings.Repeat("0", 64) + "  ../escape\n", strings.Repeat("z", 64) + "  a/index.html\n"} {
		if err := os.WriteFile(ManifestPath(dest), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if ReadManifest(dest) != nil {
			t.Errorf("manifest %q was read", bad)
		}
	}
}

// TestManifestNotWrittenThroughLink: a link planted where the manifest
// goes is neither read nor written through; the manifest replaces it.
func TestManifestNotWrittenThroughLink(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	victim := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, ManifestPath(dest)); err != nil {
		t.Fatal(err)
	}
	if ReadManifest(dest) != nil {
		t.Error("a manifest was read through a link")
	}
	stage(t, dest, "", map[string]string{"index.html": "home"})
	if b, _ := os.ReadFile(victim); string(b) != "mine" {
		t.Errorf("the file the link led to now holds %q", b)
	}
	if info, err := os.Lstat(ManifestPath(dest)); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the manifest is not a file of its own: %v", err)
	}
}

// TestRemovedNotInManifest: a file staged and then removed is not listed.
func TestRemovedNotInManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := begin(t, dest, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.html", "b.html"} {
		if err := s.WriteFile(n, []byte(n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Remove("b.html"); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if m := ReadManifest(dest); m.Len() != 1 {
		t.Errorf("the manifest lists %d files, want 1", m.Len())
	}
}

// TestUnchangedSiteKeepsItsManifest: a build that changes no file does
// not write the manifest again (deploy tools see the same file); one
// that changes a file does.
func TestUnchangedSiteKeepsItsManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(20, nil))
	older(t, dest)
	before, err := os.Lstat(ManifestPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	s, ch := stage(t, dest, s.ID(), site(20, nil))
	if ch.Written != 0 || ch.Kept != 20 {
		t.Fatalf("changes %+v", ch)
	}
	after, err := os.Lstat(ManifestPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the manifest was written again for a build that changed nothing")
	}
	stage(t, dest, s.ID(), site(20, map[string]string{"p/3/index.html": "changed"}))
	m := ReadManifest(dest)
	if got, want := m.sums["p/3/index.html"], sha256.Sum256([]byte("changed")); got != want {
		t.Error("the manifest of a changed site does not list the change")
	}
}

// setTimes sets every file of dest to the time files, and the manifest
// to manifest.
func setTimes(t *testing.T, dest string, files, manifest time.Time) {
	t.Helper()
	filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			os.Chtimes(p, files, files)
		}
		return nil
	})
	if err := os.Chtimes(ManifestPath(dest), manifest, manifest); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(ManifestPath(dest)); err != nil || !info.ModTime().Equal(manifest) {
		t.Skip("this file system does not keep times to the nanosecond")
	}
}

// TestComparedOnce: files written too near the manifest for their times
// to tell are read once to tell they are untouched; a build that
// changed nothing then moves the manifest's time on, so that the next
// build reads none of them. (It read every page of the last build that
// wrote them on every build after, since the manifest kept its time.)
func TestComparedOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(30, nil))
	then := time.Now().Add(-time.Minute).Truncate(time.Second).Add(123456789)
	setTimes(t, dest, then, then.Add(time.Millisecond))
	s, ch := stage(t, dest, s.ID(), site(30, nil))
	if ch.Written != 0 || ch.Kept != 30 || ch.Compared != 30 {
		t.Fatalf("changes %+v, want 30 kept after reading them", ch)
	}
	_, ch = stage(t, dest, s.ID(), site(30, nil))
	if ch.Kept != 30 || ch.Compared != 0 {
		t.Errorf("changes %+v: files compared again", ch)
	}
}

// TestFineFileTimes: where the file system keeps times to the
// nanosecond, a file written a second before the manifest is not read;
// where it keeps them to the second, it is, and a hand edit in that
// second is found.
func TestFineFileTimes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(10, nil))
	then := time.Now().Add(-time.Minute).Truncate(time.Second)
	setTimes(t, dest, then.Add(-time.Second+7), then.Add(7))
	s, ch := stage(t, dest, s.ID(), site(10, nil))
	if ch.Kept != 10 || ch.Compared != 0 {
		t.Errorf("fine times: changes %+v, want 10 kept unread", ch)
	}
	if err := os.WriteFile(filepath.Join(dest, "p/4/index.html"), []byte("PAGE 4"), 0o644); err != nil {
		t.Fatal(err)
	}
	setTimes(t, dest, then.Add(-time.Second), then)
	_, ch = stage(t, dest, s.ID(), site(10, nil))
	if ch.Kept != 9 || ch.Written != 1 || ch.Compared != 10 {
		t.Errorf("times to the second: changes %+v, want 9 kept and 1 written, all read", ch)
	}
	if got := read(t, filepath.Join(dest, "p/4/index.html")); got != "page 4" {
		t.Errorf("p/4 is %q", got)
	}
}

// TestRemovedCounted: the files of the last site that a build neither
// keeps nor writes again are removed, whichever way the others came
// (kept, written anew with the same or other bytes, written twice, or
// written then taken back), and a build that has every one of them
// removes none.
func TestRemovedCounted(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	last := map[string]string{"a.html": "a", "b.html": "b", "c.html": "c", "d.html": "d"}
	s, _ := stage(t, dest, "", last)
	id := s.ID()
	write := func(s *Staging, name, v string) {
		t.Helper()
		if err := s.WriteFile(name, []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name    string
		write   func(s *Staging)
		removed int
	}{
		{"all again", func(s *Staging) {
			for name, v := range last {
				write(s, name, v)
			}
		}, 0},
		{"one changed, one twice, one new", func(s *Staging) {
			write(s, "a.html", "a")
			write(s, "a.html", "a")
			write(s, "b.html", "b2")
			write(s, "c.html", "c")
			write(s, "e.html", "e")
		}, 1},
		{"one taken back", func(s *Staging) {
			for name, v := range last {
				write(s, name, v)
			}
			if err := s.Remove("d.html"); err != nil {
				t.Fatal(err)
			}
		}, 1},
	} {
		// Each case starts from the four files.
		s, _ = stage(t, dest, id, last)
		id = s.ID()
		s, err := begin(t, dest, id)
		if err != nil {
			t.Fatal(err)
		}
		c.write(s)
		if ch := commit(t, s); ch.Removed != c.removed {
			t.Errorf("%s: %d removed, want %d", c.name, ch.Removed, c.removed)
		}
		id = s.ID()
	}
}
