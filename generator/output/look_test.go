package output

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestLookerSeesEveryEntry: looking up the names of the last site one by
// one, in order from two goroutines at once, finds each file and folder with its
// own size and kind, follows no link on the way or at the end, and
// closes every folder it opened once closed.
func TestLookerSeesEveryEntry(t *testing.T) {
	dest := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// One folder of many names, folders of folders, and empty ones.
	must(os.MkdirAll(filepath.Join(dest, "img"), 0o755))
	for i := range 50 {
		must(os.WriteFile(filepath.Join(dest, "img", fmt.Sprintf("%d.webp", i)), make([]byte, i%13), 0o644))
	}
	for i := range 300 {
		d := filepath.Join(dest, "articles", fmt.Sprint(i), "deep", "er")
		must(os.MkdirAll(d, 0o755))
		must(os.WriteFile(filepath.Join(d, "index.html"), []byte(fmt.Sprint(i)), 0o644))
	}
	must(os.MkdirAll(filepath.Join(dest, "empty", "too"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o644))
	must(os.MkdirAll(filepath.Join(outside, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "sub", "index.html"), []byte("x"), 0o644))
	must(os.Symlink(outside, filepath.Join(dest, "away")))
	must(os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dest, "img", "link.webp")))
	must(os.Symlink(filepath.Join(outside, "sub"), filepath.Join(dest, "articles", "7", "deep", "link")))

	want := map[string]lastEntry{}
	must(filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dest {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		want[filepath.ToSlash(rel)] = lastEntry{size: info.Size(), mtime: info.ModTime().UnixNano(), id: idOf(info),
			dir: info.IsDir(), regular: info.Mode().IsRegular()}
		return nil
	}))
	names := slices.Sorted(maps.Keys(want))
	fds := openFiles(t)
	l := newLooker(dest)
	got := make([]lastEntry, len(names))
	found := make([]bool, len(names))
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			var m parentMemo
			for i := w; i < len(names); i += 2 {
				got[i], found[i] = l.lookWith(&m, names[i])
			}
		})
	}
	wg.Wait()
	for i, name := range names {
		w, g := want[name], got[i]
		switch {
		case !found[i]:
			t.Errorf("%s: not found", name)
		case w.dir || !w.regular:
			// Folders and links are told by their type alone.
			if g.dir != w.dir || g.regular {
				t.Errorf("%s: got %+v, want %+v", name, g, w)
			}
		case g.size != w.size || g.mtime != w.mtime || g.id != w.id || !g.regular:
			t.Errorf("%s: got %+v, want %+v", name, g, w)
		}
	}
	for _, through := range []string{"away/secret", "away/sub/index.html", "articles/7/deep/link/index.html", "img/link.webp/x", "none/index.html", "../" + filepath.Base(outside) + "/secret", "/etc/passwd"} {
		if e, ok := l.look(through); ok {
			t.Errorf("%s: found %+v through a link, or out of the folder", through, e)
		}
	}
	l.close()
	if n := openFiles(t); n > fds {
		t.Errorf("the looker left %d folders open", n-fds)
	}
	if _, ok := newLooker(filepath.Join(dest, "none")).look("img/1.webp"); ok {
		t.Error("a missing folder gave an entry")
	}
}

// openFiles counts the process's open descriptors, where the system
// tells (-1 elsewhere).
func openFiles(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}
