package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// begin starts a site in dest; owned is the build ID on record for dest.
// The lock is released at once: these tests run one build at a time.
func begin(t *testing.T, dest, owned string) (*Staging, error) {
	t.Helper()
	l, err := Acquire(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	return l.Begin(owned)
}

func TestCommitReplacesWholeSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := begin(t, dest, "")
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
	s, err = begin(t, dest, s.ID())
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
	if len(entries) != 3 { // the site, its lock file and its manifest
		t.Errorf("staging or old folders left beside the site: %v", entries)
	}
}

func TestAbortKeepsOldSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := begin(t, dest, "")
	_ = s.WriteFile("index.html", []byte("good"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s, _ = begin(t, dest, s.ID())
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
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	// A killed build's staging folder: its name and marker share an ID.
	const id = "0123456789abcdef"
	stale := filepath.Join(dir, ".public.staging-"+id)
	if err := os.MkdirAll(filepath.Join(stale, "half"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(stale, Marker), []byte(markerText+idPrefix+id+"\n"), 0o644)
	// Folders of the user's that only look like staging folders.
	// An old site of ours that the two-rename swap set aside.
	const owned = "aaaaaaaaaaaaaaaa"
	aside := filepath.Join(dir, ".public.staging-"+id+".old")
	os.MkdirAll(aside, 0o755)
	os.WriteFile(filepath.Join(aside, Marker), []byte(markerText+idPrefix+owned+"\n"), 0o644)
	mine := map[string]string{
		".public.staging":                      "", // the name older versions used
		".public.staging-fedcba9876543210":     "", // no marker
		".public.staging-1111111111111111":     idPrefix + "2222222222222222\n",
		".public.staging-notanid":              idPrefix + "notanid\n",
		".public.staging-3333333333333333.old": idPrefix + "3333333333333333\n", // no ID on record
	}
	for name, marker := range mine {
		os.MkdirAll(filepath.Join(dir, name), 0o755)
		os.WriteFile(filepath.Join(dir, name, "notes.txt"), []byte("keep me"), 0o644)
		if marker != "" {
			os.WriteFile(filepath.Join(dir, name, Marker), []byte(marker), 0o644)
		}
	}
	// Builds killed as they began: their folders hold an empty marker,
	// or nothing.
	began := []string{".public.staging-4444444444444444", ".public.staging-5555555555555555"}
	os.MkdirAll(filepath.Join(dir, began[0]), 0o755)
	os.WriteFile(filepath.Join(dir, began[0], Marker), nil, 0o644)
	os.MkdirAll(filepath.Join(dir, began[1]), 0o755)
	s, err := begin(t, dest, owned)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, name := range began {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s, a build's killed as it began, is still there", name)
		}
	}
	if _, err := os.Stat(aside); !os.IsNotExist(err) {
		t.Error("an old site set aside by a killed swap is still there")
	}
	if _, err := os.Stat(filepath.Join(dest, "half")); !os.IsNotExist(err) {
		t.Error("files of a killed build's staging folder reached the site")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a killed build's staging folder is still there")
	}
	for name := range mine {
		if got := read(t, filepath.Join(dir, name, "notes.txt")); got != "keep me" {
			t.Errorf("%s: the user's folder was touched", name)
		}
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
	_, err := begin(t, mine, "")
	if err == nil || !strings.Contains(err.Error(), "already holds files that this generator did not write") {
		t.Errorf("err = %v", err)
	}
	// A marker proves nothing unless it carries the build ID on record:
	// an empty one, or one of a build nobody recorded, once got the
	// user's files wiped.
	for _, marker := range []string{"", idPrefix + "0123456789abcdef\n"} {
		os.WriteFile(filepath.Join(mine, Marker), []byte(marker), 0o644)
		for _, owned := range []string{"", "fedcba9876543210"} {
			if _, err := begin(t, mine, owned); err == nil || !strings.Contains(err.Error(), "no build of this generator into it is on record") {
				t.Errorf("marker %q, owned %q: err = %v", marker, owned, err)
			}
		}
	}
	if got := read(t, filepath.Join(mine, "notes.txt")); got != "keep me" {
		t.Error("the user's file was touched")
	}
	file := filepath.Join(dir, "file")
	_ = os.WriteFile(file, nil, 0o644)
	if _, err := begin(t, file, ""); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("err = %v", err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink(mine, link)
	if _, err := begin(t, link, ""); err == nil || !strings.Contains(err.Error(), "is a symbolic link") {
		t.Errorf("err = %v", err)
	}
	empty := filepath.Join(dir, "empty")
	_ = os.Mkdir(empty, 0o755)
	if _, err := begin(t, empty, ""); err != nil {
		t.Errorf("an empty folder must be usable: %v", err)
	}
}

func TestWriteRefusesEscapes(t *testing.T) {
	s, err := begin(t, filepath.Join(t.TempDir(), "public"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	src := filepath.Join(t.TempDir(), "size.webp")
	if err := os.WriteFile(src, []byte("size"), 0o444); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../x", "/abs", "a/../../x", "", "a\\b", "nul\x00", Marker} {
		if err := s.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
		if err := s.LinkFile(name, src, nil, FileID{}); err == nil || !strings.Contains(err.Error(), "refusing to write") {
			t.Errorf("LinkFile(%q): %v", name, err)
		}
	}
}

// Two builds into one folder at once once left it empty or partial while
// both reported success: the second must wait for the first.
func TestLockIsExclusive(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Acquire(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan int, 1)
	acquired := make(chan *Lock)
	go func() {
		l, err := Acquire(dest, func(pid int) { waited <- pid })
		if err != nil {
			t.Error(err)
		}
		acquired <- l
	}()
	select {
	case pid := <-waited:
		if pid != os.Getpid() {
			t.Errorf("the waiting build was told the holder is %d, not %d", pid, os.Getpid())
		}
	case <-acquired:
		t.Fatal("a second lock was granted while the first was held")
	case <-time.After(10 * time.Second):
		t.Fatal("the second build neither waited nor got the lock")
	}
	first.Release()
	select {
	case l := <-acquired:
		l.Release()
	case <-time.After(10 * time.Second):
		t.Fatal("the lock was not granted after its release")
	}
}

// A link planted at the lock file's name must not be opened.
func TestLockRefusesALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "victim")
	os.WriteFile(target, []byte("keep me"), 0o644)
	dest := filepath.Join(dir, "public")
	os.Symlink(target, LockPath(dest))
	if _, err := Acquire(dest, nil); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("err = %v", err)
	}
	if got := read(t, target); got != "keep me" {
		t.Errorf("written through the link: %q", got)
	}
}

// The build resolves and checks a static file's links before it copies
// it; a link swapped in after that check is refused, not followed.
func TestCopyRefusesALinkSwappedIn(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("secret"), 0o644)
	link := filepath.Join(dir, "style.css")
	os.Symlink(secret, link)
	s, err := begin(t, filepath.Join(dir, "public"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.CopyFile("style.css", link); err == nil {
		t.Error("the staging folder copied through a link")
	}
	if err := NewMemory().Batch().CopyFile("style.css", link); err == nil {
		t.Error("the memory site took a link")
	}
}

// A hard link planted at the lock file's name is refused too: the lock
// file is written.
func TestLockRefusesAHardLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "victim")
	os.WriteFile(target, []byte("keep me"), 0o644)
	dest := filepath.Join(dir, "public")
	if err := os.Link(target, LockPath(dest)); err != nil {
		t.Skip(err)
	}
	if _, err := Acquire(dest, nil); err == nil || !strings.Contains(err.Error(), "a link?") {
		t.Errorf("err = %v", err)
	}
	if got := read(t, target); got != "keep me" {
		t.Errorf("written through the hard link: %q", got)
	}
}

// TestLinkFileSharesWithoutWritingThrough: a cache file is linked into
// the site (the same file, no copy); a file already at the name is
// replaced, never written into, so that a file it shares with the cache
// keeps its bytes.
func TestLinkFileSharesWithoutWritingThrough(t *testing.T) {
	dir := t.TempDir()
	cached := filepath.Join(dir, "size.webp")
	other := filepath.Join(dir, "other.webp")
	os.WriteFile(cached, []byte("new size"), 0o444)
	os.WriteFile(other, []byte("another cached size"), 0o444)
	s, err := begin(t, filepath.Join(dir, "public"), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkFile("img/a.webp", other, nil, FileID{}); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkFile("img/a.webp", cached, nil, FileID{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	got := filepath.Join(dir, "public", "img", "a.webp")
	a, _ := os.Stat(got)
	b, _ := os.Stat(cached)
	if !os.SameFile(a, b) || read(t, got) != "new size" {
		t.Errorf("img/a.webp is not the cached file: %q", read(t, got))
	}
	if read(t, other) != "another cached size" {
		t.Errorf("the file first linked was written into: %q", read(t, other))
	}
}
