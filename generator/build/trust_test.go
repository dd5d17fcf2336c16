package build_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/diag"
	"folio/generator/output"
	"folio/generator/sitetest"
)

// files lists every file under dir, relative and slash-separated.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// Two builds into one folder at once (a cron job overlapping a manual
// build) once left it empty or partial while both said they succeeded,
// and the next build refused the folder as not ours.
func TestConcurrentBuildsIntoOneFolder(t *testing.T) {
	root := copySite(t)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := build.Run(build.Options{Source: root, Dest: ref}); err != nil {
		t.Fatal(err)
	}
	want := files(t, ref)
	dest := filepath.Join(t.TempDir(), "public")
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = build.Run(build.Options{Source: root, Dest: dest, Force: true})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i, err)
		}
	}
	if got := files(t, dest); !slices.Equal(got, want) {
		t.Errorf("after concurrent builds the folder has %d files, a single build writes %d", len(got), len(want))
	}
	if _, err := build.Run(build.Options{Source: root, Dest: dest, Force: true}); err != nil {
		t.Errorf("the next build: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.staging*"))
	if len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

// A build waiting for another says so through Options.Waiting.
func TestBuildWaitsForTheLock(t *testing.T) {
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	l, err := output.Acquire(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan int, 1)
	done := make(chan error, 1)
	go func() {
		_, err := build.Run(build.Options{Source: root, Dest: dest, Waiting: func(pid int) { waited <- pid }})
		done <- err
	}()
	select {
	case pid := <-waited:
		if pid != os.Getpid() {
			t.Errorf("told the holder is process %d, not %d", pid, os.Getpid())
		}
	case err := <-done:
		t.Fatalf("the build ran while another held the folder: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the build neither waited nor ran")
	}
	l.Release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A link planted beside the output where the build records its state
// once made the build overwrite any file the user could write.
func TestStateIsNotWrittenThroughALink(t *testing.T) {
	root := copySite(t)
	sitetest.Age(t, root)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	for _, name := range []string{".public.folio-state.tmp", ".public.folio-state", ".public.folio-lock"} {
		dir := filepath.Join(dir, strings.Trim(name, "."))
		os.Mkdir(dir, 0o755)
		dest := filepath.Join(dir, "public")
		if err := os.Symlink(victim, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		_, err := build.Run(build.Options{Source: root, Dest: dest, Force: true})
		if name == ".public.folio-lock" {
			if err == nil || !strings.Contains(err.Error(), "symbolic link") {
				t.Errorf("%s: a linked lock file must stop the build, err = %v", name, err)
			}
		} else if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if b, _ := os.ReadFile(victim); string(b) != "keep me" {
			t.Fatalf("%s: the build wrote through the link: the file now holds %d bytes", name, len(b))
		}
	}
}

// A folder is replaced only when its marker carries the ID of the build
// recorded beside it: an empty marker once got the user's notes wiped,
// and a folder of the user's named like a staging folder was removed.
func TestFoldersNotOursAreKept(t *testing.T) {
	root := copySite(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "out")
	os.Mkdir(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "notes.txt"), []byte("keep me"), 0o644)
	os.WriteFile(filepath.Join(dest, output.Marker), nil, 0o644)
	staging := filepath.Join(dir, ".out.staging")
	os.Mkdir(staging, 0o755)
	os.WriteFile(filepath.Join(staging, "mine.txt"), []byte("keep me"), 0o644)

	_, err := build.Run(build.Options{Source: root, Dest: dest})
	if err == nil || !strings.Contains(err.Error(), "no build of this generator into it is on record") {
		t.Errorf("err = %v", err)
	}
	for _, f := range []string{filepath.Join(dest, "notes.txt"), filepath.Join(staging, "mine.txt")} {
		if b, err := os.ReadFile(f); err != nil || string(b) != "keep me" {
			t.Errorf("%s was lost: %v", f, err)
		}
	}
	// Our own folder is replaced, build after build, and the user's
	// look-alike staging folder is still left alone.
	own := filepath.Join(dir, "site")
	for range 2 {
		if _, err := build.Run(build.Options{Source: root, Dest: own, Force: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(staging, "mine.txt")); err != nil {
		t.Error(err)
	}
}

// finishes fails the test if f does not return within a minute: a named
// pipe once hung the build forever.
func finishes[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(time.Minute):
		t.Fatal("hung")
	}
	panic("unreachable")
}

func TestPipesAndDevicesAreNotRead(t *testing.T) {
	root := copySite(t)
	pipe := filepath.Join(root, "content/articles/pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip(err)
	}
	// In static/, the warning was made and then dropped.
	if err := syscall.Mkfifo(filepath.Join(root, "static/pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/etc/passwd", filepath.Join(root, "static/passwd"))
	// Under content/<taxonomy>/, profiles were skipped without a word.
	if err := syscall.Mkfifo(filepath.Join(root, "content/people/fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/etc/passwd", filepath.Join(root, "content/people/passwd.md"))
	res := finishes(t, func() *build.Result {
		res, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "out")})
		if err != nil {
			t.Fatal(err)
		}
		return res
	})
	for _, want := range []string{
		"content/articles/pipe.md: warning: a named pipe (FIFO), not a regular file: not read",
		"static/pipe.txt: warning: a named pipe (FIFO), not a regular file: not copied",
		"static/passwd: warning: a link to a folder or to a file outside the site is not copied",
		"content/people/fifo.md: warning: a named pipe (FIFO), not a regular file: not read",
		"content/people/passwd.md: warning: a link to /etc/passwd, outside the site, not read",
	} {
		if !slices.ContainsFunc(res.Warnings, func(p *diag.Problem) bool { return p.Error() == want }) {
			t.Errorf("warnings %v lack %q", res.Warnings, want)
		}
	}
	os.Remove(pipe)

	// In layouts/, a pipe is an error naming it.
	lpipe := filepath.Join(root, "layouts/partials/pipe.html")
	if err := syscall.Mkfifo(lpipe, 0o644); err != nil {
		t.Fatal(err)
	}
	err := finishes(t, func() error {
		_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "out")})
		return err
	})
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/partials/pipe.html: not a regular file: it is a named pipe (FIFO)") {
		t.Errorf("err = %v", err)
	}
}

// A content/articles that is itself a link once built an empty site
// without a word. Inside the site it is followed; outside, it is an error.
func TestArticlesFolderAsALink(t *testing.T) {
	root := copySite(t)
	articles := filepath.Join(root, "content/articles")
	inside := filepath.Join(root, "archive")
	if err := os.Rename(articles, inside); err != nil {
		t.Fatal(err)
	}
	os.Symlink(inside, articles)
	res, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles == 0 {
		t.Error("a link to a folder inside the site built no article")
	}

	outside := filepath.Join(t.TempDir(), "articles")
	os.Rename(inside, outside)
	os.Remove(articles)
	os.Symlink(outside, articles)
	_, err = build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "out")})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || !strings.HasPrefix(list[0].Error(), "content/articles: a symbolic link to ") ||
		!strings.Contains(list[0].Error(), "outside the site") {
		t.Errorf("err = %v", err)
	}
}

// A layout that is a link to a file outside the site was read, as a
// template, and could show that file's text in pages.
func TestLayoutLinkOutOfTheSite(t *testing.T) {
	root := copySite(t)
	outside := filepath.Join(t.TempDir(), "secret.html")
	os.WriteFile(outside, []byte("secret"), 0o644)
	os.Symlink(outside, filepath.Join(root, "layouts/partials/secret.html"))
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "out")})
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/partials/secret.html: a broken link, or a link to a file outside the site") {
		t.Errorf("err = %v", err)
	}
}

// A link on the way to -dest once led the build into content/, and a
// static/ linked to the site root published the sources, drafts and all.
func TestDestAndStaticThroughLinks(t *testing.T) {
	root := copySite(t)
	os.Symlink(filepath.Join(root, "content/articles"), filepath.Join(root, "artlnk"))
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(root, "artlnk/sub")})
	if err == nil || !strings.Contains(err.Error(), "is inside content/") {
		t.Errorf("dest through a link into content/: err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "content/articles/sub")); !os.IsNotExist(err) {
		t.Error("the build wrote into content/articles")
	}
	assets := t.TempDir()
	os.Rename(filepath.Join(root, "static"), filepath.Join(assets, "static"))
	os.Symlink(filepath.Join(assets, "static"), filepath.Join(root, "static"))
	if _, err := build.Run(build.Options{Source: root, Dest: assets}); err == nil || !strings.Contains(err.Error(), "contains static/") {
		t.Errorf("dest holding static/'s target: err = %v", err)
	}

	for _, target := range []string{".", "content"} {
		os.Remove(filepath.Join(root, "static"))
		os.Symlink(target, filepath.Join(root, "static"))
		_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "out")})
		if err == nil || !strings.Contains(err.Error(), "static: ") {
			t.Errorf("static → %s: err = %v", target, err)
		}
	}
}
