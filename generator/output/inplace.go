package output

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/parallel"
)

// A build whose files mostly stay as they were does not rebuild the whole
// site in the staging folder and swap it in: that costs a link for every
// kept file, a folder for every page, and the removal of the old site,
// some 650,000 calls at 200,000 articles for a one-line fix. It moves its
// new and changed files into the output folder one by one instead, each
// whole (a rename), removes those gone, and renames the marker with its
// ID in last. Readers of the folder can see some pages new and some old
// for the moments that takes; a build killed meanwhile leaves the file
// updatingFile beside the folder, and the next build then rebuilds the
// site whole and swaps it in.
//
// A build that changes more than a quarter of the files, or finds the
// folder not as the last build left it (a link or a file where a new
// file needs a folder), swaps as before: the new site is filled with the
// kept files and takes the old one's place in one step.

// inPlaceAtMost is how many changed files an in-place update may move:
// a quarter of the site's, and at least inPlaceFloor.
func inPlaceAtMost(files int) int { return max(inPlaceFloor, files/4) }

const inPlaceFloor = 256

// updatingPath is the file that says an in-place update of dest is under
// way: it names the build and its staging folder.
func updatingPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".folio-updating")
}

// lastEntry is what a look-up of one name of the last site found.
type lastEntry struct {
	size, mtime int64
	id          fileID
	dir         bool
	regular     bool
}

// lastFiles looks up every file the last manifest lists, once, on every
// core: begun as the build starts (see Begin), it runs beside the phases
// that leave a core idle, as the build reads and plans. The names go in
// order, so that a folder's files come together and share its opening.
func (s *Staging) lastFiles() map[string]lastEntry {
	s.lastOnce.Do(func() {
		s.lookedAt = time.Now()
		names := slices.Sorted(maps.Keys(s.prev.sums))
		entries := make([]lastEntry, len(names))
		found := make([]bool, len(names))
		parallel.For(len(names), func() func(int) {
			var m parentMemo
			return func(i int) { entries[i], found[i] = s.looker.lookWith(&m, names[i]) }
		})
		s.last = make(map[string]lastEntry, len(names))
		for i, name := range names {
			if found[i] {
				s.last[name] = entries[i]
			}
		}
	})
	return s.last
}

// lookLast is what the last site holds at name: its file as lastFiles
// found it, or else what a look-up finds now (a folder, a name the
// manifest does not list).
func (s *Staging) lookLast(name string) (lastEntry, bool) {
	if e, ok := s.lastFiles()[name]; ok {
		return e, true
	}
	return s.looker.look(name)
}

// untouched reports whether the last site's file name is still the file
// the manifest describes with sum: a regular file (no link), of size
// bytes when size is not negative, not modified since the manifest (its
// bytes are compared when its time is within timeGrain of it).
func (s *Staging) untouched(name string, sum [sha256.Size]byte, size int64) bool {
	if s.prev == nil || s.root == nil {
		return false
	}
	if old, ok := s.prev.sums[name]; !ok || old != sum {
		return false
	}
	e, ok := s.lookLast(name)
	written := s.prev.written.UnixNano()
	if !ok || !e.regular || size >= 0 && e.size != size || e.mtime > written {
		return false
	}
	if e.mtime >= written-int64(s.prev.grain) {
		// Written so near the manifest that an edit just after it
		// could carry the same time: the bytes tell.
		if old, err := s.hashLast(name); err != nil || old != sum {
			return false
		}
	}
	return true
}

// keepLast records the last site's file name as kept, when untouched.
func (s *Staging) keepLast(name string, sum [sha256.Size]byte, size int64) bool {
	if !s.untouched(name, sum, size) {
		return false
	}
	s.markKept(name, sum)
	return true
}

// markKept records the last site's file name, of hash sum, as kept.
func (s *Staging) markKept(name string, sum [sha256.Size]byte) {
	s.mu.Lock()
	n := len(s.sums)
	if s.sums[name] = sum; len(s.sums) > n {
		s.fromLast++ // kept, so the last manifest lists it
	}
	s.keptNames = append(s.keptNames, name)
	s.mu.Unlock()
	s.kept.Add(1)
}

// staged records that name was written into the staging folder.
func (s *Staging) stage(name string, sum [sha256.Size]byte) {
	s.mu.Lock()
	n := len(s.sums)
	if s.sums[name] = sum; len(s.sums) > n && s.prev != nil {
		if _, listed := s.prev.sums[name]; listed {
			s.fromLast++
		}
	}
	s.staged = append(s.staged, name)
	s.mu.Unlock()
}

// removedNames are the names of the last manifest the new site lacks.
func (s *Staging) removedNames() []string {
	if s.prev == nil || s.fromLast == len(s.prev.sums) {
		return nil
	}
	var out []string
	for name := range s.prev.sums {
		if _, ok := s.sums[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// inPlace reports whether the build may update the folder in place: the
// last site is on record, the change is small, and every new file's
// folders are folders in it (or new).
func (s *Staging) inPlace(removed []string) bool {
	if s.prev == nil || s.root == nil || s.forceSwap || !canRenameAt {
		return false
	}
	if len(s.staged)+len(removed) > inPlaceAtMost(len(s.sums)) {
		return false
	}
	for _, name := range s.staged {
		if e, ok := s.lookLast(name); ok && e.dir {
			return false
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if e, ok := s.lookLast(dir); ok && !e.dir {
				return false
			}
		}
	}
	return true
}

// commitInPlace moves the staged files into the folder, removes the
// files gone and the folders they leave empty, and renames the marker in
// last.
func (s *Staging) commitInPlace(removed []string) error {
	up := updatingPath(s.dest)
	if err := atomicfile.Write(up, []byte(idPrefix+s.id+"\nstaging "+filepath.Base(s.dir)+"\n")); err != nil {
		return err
	}
	names := slices.Clone(s.staged)
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(a, b) })
	dirs := &openDirs{root: s.root, staging: s.dir, dest: map[string]*os.File{}, src: map[string]*os.File{}}
	defer dirs.close()
	for _, name := range append(names, Marker) {
		if err := dirs.move(name); err != nil {
			return fmt.Errorf("moving %s into place: %w", name, err)
		}
	}
	var parents []string
	for _, name := range removed {
		if err := s.root.Remove(filepath.FromSlash(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", name, err)
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			parents = append(parents, dir)
		}
	}
	// The deepest first: a folder empties once its own are gone.
	slices.SortFunc(parents, func(a, b string) int {
		return cmp.Or(-cmp.Compare(strings.Count(a, "/"), strings.Count(b, "/")), cmp.Compare(a, b))
	})
	for _, dir := range slices.Compact(parents) {
		_ = s.root.Remove(filepath.FromSlash(dir)) // refused while it holds files
	}
	_ = os.RemoveAll(s.dir)
	return os.Remove(up)
}

// openDirs are the folders an in-place update moves files between, each
// opened once: the output folder's through its root, so that no link
// leads a file out of it.
type openDirs struct {
	root      *os.Root
	staging   string
	dest, src map[string]*os.File
}

// maxMoveDirs bounds the folders an in-place update keeps open on each
// side: the names come sorted, so a folder's files come together, and an
// update of 13,000 pages in folders of their own once ran out of file
// descriptors keeping each open to the end.
const maxMoveDirs = 64

func (d *openDirs) move(name string) error {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	if len(d.dest) >= maxMoveDirs || len(d.src) >= maxMoveDirs {
		d.close()
	}
	to, ok := d.dest[dir]
	if !ok {
		if dir != "." {
			if err := d.root.MkdirAll(filepath.FromSlash(dir), 0o755); err != nil {
				return err
			}
		}
		f, err := d.root.Open(filepath.FromSlash(dir))
		if err != nil {
			return err
		}
		d.dest[dir], to = f, f
	}
	from, ok := d.src[dir]
	if !ok {
		f, err := os.Open(filepath.Join(d.staging, filepath.FromSlash(dir)))
		if err != nil {
			return err
		}
		d.src[dir], from = f, f
	}
	return renameAt(from, base, to, base)
}

func (d *openDirs) close() {
	for k, f := range d.dest {
		f.Close()
		delete(d.dest, k)
	}
	for k, f := range d.src {
		f.Close()
		delete(d.src, k)
	}
}

// fill links every kept file of the last site into the staging folder,
// for a swap: the new site must be whole before it takes the old one's
// place.
func (s *Staging) fill() error {
	names := s.keptNames
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(names); i += 4 {
				name := names[i]
				p := filepath.Join(s.dir, filepath.FromSlash(name))
				if err := s.mkdir(filepath.Dir(p)); err != nil {
					errs <- err
					return
				}
				if err := s.links.link(filepath.Join(s.dest, filepath.FromSlash(name)), p); err != nil {
					errs <- fmt.Errorf("keeping %s: %w", name, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// abandonedUpdate reports whether an in-place update of dest was killed
// before it finished, and removes its staging folder: the folder may
// then hold some new files and some old, and the next build swaps a
// whole site in.
func abandonedUpdate(dest string) bool {
	up := updatingPath(dest)
	info, err := os.Lstat(up)
	if err != nil {
		return false
	}
	if info.Mode().IsRegular() {
		if b, err := os.ReadFile(up); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				dir, ok := strings.CutPrefix(line, "staging ")
				id, isStaging := strings.CutPrefix(dir, stagingPrefix(dest))
				if ok && isStaging && validID(id) {
					_ = os.RemoveAll(filepath.Join(filepath.Dir(dest), dir))
				}
			}
		}
	}
	return true
}
