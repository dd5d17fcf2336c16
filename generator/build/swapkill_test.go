package build

import (
	"os"
	"path/filepath"
	"testing"

	"folio/generator/output"
	"folio/generator/sitetest"
)

// killedAround runs a first build into a new dest, then the start of a
// second one, stopped as a kill would stop it: before the swap, or after
// the swap and before the old site is removed. It returns the site and
// the output folder.
func killedAround(t *testing.T, swapped bool) (root, dest string) {
	t.Helper()
	root = sitetest.Copy(t, "../..")
	dest = filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	killOne(t, dest, swapped)
	return root, dest
}

// killOne starts a build into dest and stops it as a kill would: before
// the swap, or after it and before the old site is removed.
func killOne(t *testing.T, dest string, swapped bool) {
	t.Helper()
	lock, err := output.Acquire(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release() // the kill: the system releases the lock
	last := lastState(dest)
	stage, err := lock.Begin(last.owned()...)
	if err != nil {
		t.Fatal(err)
	}
	if err := stage.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := savePending(dest, last, stage.ID()); err != nil {
		t.Fatal(err)
	}
	if swapped {
		// What Commit's exchange does; the old site is now in the
		// staging folder, not yet removed.
		tmp := dest + ".tmp"
		for _, mv := range [][2]string{{dest, tmp}, {stage.Dir(), dest}, {tmp, stage.Dir()}} {
			if err := os.Rename(mv[0], mv[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Two builds killed in a row after their swaps: the second once recorded
// the site before the first as the one in the folder, and the first's
// site, set aside by the second, stayed beside the folder for good.
func TestTwoBuildsKilledAfterTheirSwaps(t *testing.T) {
	root, dest := killedAround(t, true)
	killOne(t, dest, true)
	if _, err := Run(Options{Source: root, Dest: dest}); err != nil {
		t.Fatalf("the next build: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.staging-*")); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// A build killed after swapping its site into place, but before it
// recorded it, once left a folder that every later build refused, and
// the old site in a staging folder no build removed.
func TestBuildKilledAroundTheSwap(t *testing.T) {
	for _, swapped := range []bool{false, true} {
		root, dest := killedAround(t, swapped)
		if _, err := Run(Options{Source: root, Dest: dest}); err != nil {
			t.Fatalf("swapped %v: the next build: %v", swapped, err)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.staging-*")); len(left) > 0 {
			t.Errorf("swapped %v: left %v", swapped, left)
		}
	}
}

// A build that finds the site up to date removes a killed build's
// staging folder too.
func TestUpToDateBuildRemovesLeftovers(t *testing.T) {
	root, dest := killedAround(t, true)
	sitetest.Age(t, root)
	for range 2 {
		if _, err := Run(Options{Source: root, Dest: dest}); err != nil {
			t.Fatal(err)
		}
	}
	// Leave a leftover, then build with nothing changed.
	killedDir := func() string {
		lock, err := output.Acquire(dest, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		stage, err := lock.Begin(lastState(dest).owned()...)
		if err != nil {
			t.Fatal(err)
		}
		return stage.Dir()
	}()
	res, err := Run(Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if !res.UpToDate {
		t.Fatal("the build was not up to date")
	}
	if _, err := os.Stat(killedDir); !os.IsNotExist(err) {
		t.Errorf("the up-to-date build left %s", killedDir)
	}
}
