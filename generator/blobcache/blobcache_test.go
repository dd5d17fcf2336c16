package blobcache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func key(s string) Key { return sha256.Sum256([]byte(s)) }

func open(t *testing.T, dir string) *Cache {
	t.Helper()
	c, warn, err := Open(dir)
	if err != nil || warn != nil {
		t.Fatalf("open: %v %v", err, warn)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func want(t *testing.T, c *Cache, k string, v string) {
	t.Helper()
	got, ok := c.Get(key(k))
	if v == "" {
		if ok {
			t.Errorf("%s: got %q, want nothing", k, got)
		}
		return
	}
	if !ok || string(got) != v {
		t.Errorf("%s: got %q %v, want %q", k, got, ok, v)
	}
}

// TestKeepsWhatIsUsed: records put are there for the next opening; those
// a build did not ask for are dropped at its save, and the pack shrinks
// once most of it is of no use.
func TestKeepsWhatIsUsed(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	for i := range 100 {
		c.Put(key(fmt.Sprint(i)), []byte(strings.Repeat(fmt.Sprint(i), 100)))
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c = open(t, dir)
	want(t, c, "7", strings.Repeat("7", 100))
	want(t, c, "none", "")
	// A save after reading 30 of them keeps those 30, and one new.
	for i := range 30 {
		c.Get(key(fmt.Sprint(i)))
	}
	c.Put(key("new"), []byte("new"))
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	info, _ := os.Stat(filepath.Join(dir, packFile))

	c = open(t, dir)
	want(t, c, "29", strings.Repeat("29", 100))
	want(t, c, "new", "new")
	want(t, c, "30", "")
	if full := int64(100 * (recordHead + 150)); info.Size() > full/2 {
		t.Errorf("the pack is %d bytes after most records went; it held %d", info.Size(), full)
	}
	// Nothing changed: nothing written.
	c.Get(key("new"))
	for i := range 30 {
		c.Get(key(fmt.Sprint(i)))
	}
	before, _ := os.Stat(filepath.Join(dir, indexFile))
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(dir, indexFile))
	if !os.SameFile(before, after) {
		t.Error("a save with nothing new wrote the index")
	}
}

// TestDamageReadsAsMissing: a changed byte in a record makes that record
// missing; a changed index, a foreign one, or a link in the pack's place
// start the cache anew with a warning; a link is never written through.
func TestDamageReadsAsMissing(t *testing.T) {
	fill := func(t *testing.T) string {
		dir := t.TempDir()
		c := open(t, dir)
		c.Put(key("a"), []byte("alpha"))
		c.Put(key("b"), []byte("bravo"))
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		c.Close()
		return dir
	}
	t.Run("record", func(t *testing.T) {
		dir := fill(t)
		p := filepath.Join(dir, packFile)
		b, _ := os.ReadFile(p)
		i := strings.Index(string(b), "alpha")
		b[i] = 'A'
		os.WriteFile(p, b, 0o644)
		c := open(t, dir)
		want(t, c, "a", "")
		want(t, c, "b", "bravo")
	})
	for name, damage := range map[string]func(dir string){
		"index changed": func(dir string) {
			p := filepath.Join(dir, indexFile)
			b, _ := os.ReadFile(p)
			b[len(b)-1] ^= 1
			os.WriteFile(p, b, 0o644)
		},
		"index foreign": func(dir string) { os.WriteFile(filepath.Join(dir, indexFile), []byte("{}"), 0o644) },
		"index cut":     func(dir string) { os.Truncate(filepath.Join(dir, indexFile), 30) },
		"pack cut":      func(dir string) { os.Truncate(filepath.Join(dir, packFile), 10) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := fill(t)
			damage(dir)
			c, warn, err := Open(dir)
			if err != nil || warn == nil {
				t.Fatalf("open: %v, warning %v", err, warn)
			}
			defer c.Close()
			want(t, c, "a", "")
		})
	}
	t.Run("link", func(t *testing.T) {
		dir := fill(t)
		outside := filepath.Join(t.TempDir(), "precious")
		os.WriteFile(outside, []byte("the user's"), 0o644)
		os.Remove(filepath.Join(dir, packFile))
		if err := os.Symlink(outside, filepath.Join(dir, packFile)); err != nil {
			t.Skip(err)
		}
		c, warn, err := Open(dir)
		if err != nil || warn == nil {
			t.Fatalf("open: %v, warning %v", err, warn)
		}
		c.Put(key("c"), []byte("charlie"))
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		c.Close()
		if b, _ := os.ReadFile(outside); string(b) != "the user's" {
			t.Errorf("written through the link: %q", b)
		}
		want(t, open(t, dir), "c", "charlie")
	})
}

// TestLargeBuildsFlush: records past flushAt are written as they come,
// not held, and read back before and after the save.
func TestLargeBuildsFlush(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	rec := strings.Repeat("x", 1<<20)
	for i := range 10 {
		c.Put(key(fmt.Sprint(i)), []byte(fmt.Sprint(i)+rec))
	}
	if len(c.buf) >= flushAt {
		t.Errorf("%d bytes held", len(c.buf))
	}
	want(t, c, "0", "0"+rec)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir)
	want(t, c, "9", "9"+rec)
}

// TestTwoBuildsAtOnce: a build that opened the cache before another saved
// into it keeps its own records right, and never reads the other's as
// its own.
func TestTwoBuildsAtOnce(t *testing.T) {
	dir := t.TempDir()
	seed := open(t, dir)
	for i := range 20 {
		seed.Put(key(fmt.Sprint(i)), []byte(strings.Repeat("s", 500)))
	}
	seed.Save()
	seed.Close()

	a, b := open(t, dir), open(t, dir)
	// b keeps two of the records, adds one, and rewrites the pack.
	want(t, b, "0", strings.Repeat("s", 500))
	want(t, b, "1", strings.Repeat("s", 500))
	b.Put(key("b"), []byte("from b"))
	if err := b.Save(); err != nil {
		t.Fatal(err)
	}
	// a still reads from the pack it opened, then writes.
	want(t, a, "5", strings.Repeat("s", 500))
	a.Put(key("a"), []byte("from a"))
	want(t, a, "a", "from a")
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b.Close()
	c := open(t, dir)
	want(t, c, "a", "from a")
	for _, k := range []string{"b", "0", "5"} {
		if got, ok := c.Get(key(k)); ok && !strings.HasPrefix(string(got), map[string]string{"b": "from b", "0": "s", "5": "s"}[k]) {
			t.Errorf("%s reads as %q", k, got)
		}
	}
}

// TestKeepWithoutReading: Keep tells the records the cache has, held or
// in the pack, and keeps them through a save as a Get would; a record
// kept stays readable after the save rewrote the pack.
func TestKeepWithoutReading(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	for i := range 10 {
		c.Put(key(fmt.Sprint(i)), []byte(strings.Repeat(fmt.Sprint(i), 1000)))
	}
	if !c.Keep(key("3")) {
		t.Error("a record held for writing is not kept")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c = open(t, dir)
	if c.Keep(key("none")) {
		t.Error("a record the cache never had is kept")
	}
	for _, k := range []string{"1", "2"} {
		if !c.Keep(key(k)) {
			t.Errorf("%s: a record of the pack is not kept", k)
		}
	}
	// The save drops the other eight, and rewrites the pack.
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	want(t, c, "1", strings.Repeat("1", 1000))
	c.Close()
	c = open(t, dir)
	want(t, c, "2", strings.Repeat("2", 1000))
	want(t, c, "3", "")
}

// TestReadsWhileWriting: records are read on several goroutines, without
// the cache's lock, while another build's save has replaced the pack and
// this one appends, flushes and saves; every read gives its record's own
// bytes or nothing, never another's (run with -race).
func TestReadsWhileWriting(t *testing.T) {
	dir := t.TempDir()
	seed := open(t, dir)
	value := func(i int) string { return strings.Repeat(fmt.Sprintf("%d,", i), 50+i%7) }
	for i := range 400 {
		seed.Put(key(fmt.Sprint(i)), []byte(value(i)))
	}
	seed.Save()
	seed.Close()

	c, other := open(t, dir), open(t, dir)
	// The other build keeps a few records and rewrites the pack: c's
	// first write then finds a pack that is not the one it read.
	for i := range 10 {
		other.Get(key(fmt.Sprint(i)))
	}
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				for i := g; i < 400; i += 4 {
					got, ok := c.Get(key(fmt.Sprint(i)))
					if ok && string(got) != value(i) {
						t.Errorf("round %d: record %d reads %.20q…", round, i, got)
					}
				}
			}
		}()
	}
	big := strings.Repeat("n", 1<<20)
	for i := range 12 { // past flushAt: appended as they come
		c.Put(key(fmt.Sprint("new", i)), []byte(fmt.Sprint(i)+big))
	}
	wg.Wait()
	want(t, c, "new3", "3"+big)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = open(t, dir)
	want(t, c, "new11", "11"+big)
}

// savedWithA is a cache folder that a build left holding "a", and a file
// of the user's outside it, for the tests of what a killed build left:
// skipped where builds do not take the folder's lock in turn.
func savedWithA(t *testing.T) (dir, outside string) {
	t.Helper()
	if !exclusive {
		t.Skip("builds are not kept out of each other's way here")
	}
	dir = t.TempDir()
	c := open(t, dir)
	c.Put(key("a"), []byte("alpha"))
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	outside = filepath.Join(t.TempDir(), "precious")
	os.WriteFile(outside, []byte("the user's"), 0o644)
	return dir, outside
}

// TestLeftoversOfAKilledBuildGo: the pack being written anew and the
// index being written, under temporary names, are all a build killed
// midway leaves; the next build that takes the lock removes them (a
// link among them is removed, not followed), and the cache reads as
// before.
func TestLeftoversOfAKilledBuildGo(t *testing.T) {
	dir, outside := savedWithA(t)
	left := []string{packTemp + "793506111", "." + indexFile + ".tmp-3353876721"}
	for _, n := range left {
		os.WriteFile(filepath.Join(dir, n), []byte(strings.Repeat("x", 1<<16)), 0o600)
	}
	if err := os.Symlink(outside, filepath.Join(dir, packTemp+"link")); err == nil {
		left = append(left, packTemp+"link")
	}

	c := open(t, dir)
	want(t, c, "a", "alpha")
	c.Put(key("b"), []byte("bravo")) // takes the lock
	for _, n := range left {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s is still there", n)
		}
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if b, _ := os.ReadFile(outside); string(b) != "the user's" {
		t.Errorf("the file a leftover linked to reads %q", b)
	}
	c = open(t, dir)
	want(t, c, "a", "alpha")
	want(t, c, "b", "bravo")
}

// TestWriteFileUnderTheLock: a file put beside the records is written
// whole under the lock, replacing a link planted at its name without
// writing through it, and the temporary file a killed write of it left
// is swept.
func TestWriteFileUnderTheLock(t *testing.T) {
	dir, outside := savedWithA(t)
	if err := os.Symlink(outside, filepath.Join(dir, "stamps")); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, ".stamps.tmp-28000000")
	os.WriteFile(leftover, []byte(strings.Repeat("x", 1<<16)), 0o600)

	c := open(t, dir)
	want(t, c, "a", "alpha") // asked for: Save keeps it
	if err := c.WriteFile("stamps", []byte("new stamps")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(leftover); err == nil {
		t.Error("the killed write's temporary file is still there")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if b, _ := os.ReadFile(outside); string(b) != "the user's" {
		t.Errorf("written through the link: %q", b)
	}
	if info, err := os.Lstat(filepath.Join(dir, "stamps")); err != nil || !info.Mode().IsRegular() {
		t.Errorf("stamps: not a plain file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "stamps")); string(b) != "new stamps" {
		t.Errorf("stamps read %q", b)
	}
	c = open(t, dir)
	want(t, c, "a", "alpha")
}
