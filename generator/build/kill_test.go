package build_test

import (
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/output"
)

// TestMain lets this test binary act as a build process that a test can
// kill half-way: with FOLIO_BUILD_SOURCE set, it builds and exits.
func TestMain(m *testing.M) {
	if src := os.Getenv("FOLIO_BUILD_SOURCE"); src != "" {
		if _, err := build.Run(build.Options{Source: src}); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKilledBuildLeavesSiteIntact kills builds at different moments and
// checks that public/ is the previous site, whole, and that the next build
// clears the killed one's staging folder.
func TestKilledBuildLeavesSiteIntact(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a 1,000-article archive several times")
	}
	s, _ := generated(t, 1000)
	root := filepath.Dir(s.dir)
	before := snapshot(t, s.dir)
	stagings := func() []string {
		left, _ := filepath.Glob(filepath.Join(root, ".public.staging-*"))
		return left
	}
	killed := 0
	for _, after := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 700 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "FOLIO_BUILD_SOURCE="+root)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err != nil && strings.Contains(err.Error(), "killed") {
			killed++
		}
		if got := snapshot(t, s.dir); got != before {
			t.Fatalf("public/ changed after a build killed at %v", after)
		}
	}
	if killed == 0 {
		t.Fatal("no build was killed mid-way: they all finished too fast")
	}
	if len(stagings()) == 0 {
		t.Logf("no staging folder left behind")
	}
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	if left := stagings(); len(left) > 0 {
		t.Errorf("the next build left the killed build's staging folder: %v", left)
	}
	if got := snapshot(t, s.dir); got != before {
		t.Error("a fresh build after the killed ones gives another site")
	}
}

// snapshot lists every file of a folder with its size and a digest of its
// bytes, as one string; the marker is left out, as it names the build.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() == output.Marker {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h := fnv.New64a()
		h.Write(data)
		fmt.Fprintf(&b, "%s %d %x\n", rel, len(data), h.Sum64())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestKilledWritesLeaveNoTemporaryFiles: what builds killed while they
// wrote the page prints, the state, the manifest, the in-place marker
// or the article stamps left under temporary names is removed by the
// next build that writes them, a link among them removed and not
// followed; the site owner's own files beside the output stay.
func TestKilledWritesLeaveNoTemporaryFiles(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "precious")
	if err := os.WriteFile(outside, []byte("the user's"), 0o644); err != nil {
		t.Fatal(err)
	}
	left := []string{
		"..public.folio-pages.tmp-3353876721",
		"..public.folio-state.tmp-12",
		"..public.folio-sha256.tmp-7",
		"..public.folio-updating.tmp-9",
		filepath.Join(build.ArticlesCache, ".stamps.tmp-28"),
	}
	for _, n := range left {
		if err := os.WriteFile(filepath.Join(root, n), []byte("part of a file"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(root, "..public.folio-state.tmp-link")); err != nil {
		t.Fatal(err)
	}
	left = append(left, "..public.folio-state.tmp-link")
	kept := filepath.Join(root, ".public.notes.tmp")
	if err := os.WriteFile(kept, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// An edit, so that the stamps are written again.
	articles, _ := filepath.Glob(filepath.Join(root, "content", "articles", "*", "*", "*.md"))
	if len(articles) == 0 {
		t.Fatal("no article to edit")
	}
	b, err := os.ReadFile(articles[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(articles[0], append(b, "\nOne more line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	for _, n := range left {
		if _, err := os.Lstat(filepath.Join(root, n)); err == nil {
			t.Errorf("%s is still there", n)
		}
	}
	if b, _ := os.ReadFile(outside); string(b) != "the user's" {
		t.Errorf("the file a leftover linked to reads %q", b)
	}
	if b, _ := os.ReadFile(kept); string(b) != "mine" {
		t.Errorf("the owner's file beside the output reads %q", b)
	}
}
