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
