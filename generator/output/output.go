// Package output writes a built site to its folder so that the folder
// always holds either the previous complete site or the new complete one:
// files go to a staging folder beside it, which then takes its place in
// one step. It never writes outside that staging folder, and it refuses
// to replace a folder that it did not write.
package output

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/srcfile"
)

// Marker is the file that marks a folder as written by the generator, so
// that a folder of the user's is never replaced by mistake.
const Marker = ".folio"

const markerText = "This folder is written by the folio site generator. Every build replaces it whole: do not keep your own files here.\n"

// Staging is a site being written.
type Staging struct {
	dest string // the folder the site goes to
	dir  string // the staging folder beside it
	id   string // written in the marker: see ID
	made sync.Map
	// links makes the hard links to kept files and to the image cache.
	links linker

	// prev is the manifest of the site in dest, and root that folder,
	// opened so that no link in it leads a look-up outside: files whose
	// bytes did not change are kept from it (see keep). Both nil on a
	// first build.
	prev *Manifest
	root *os.Root
	// looker looks up the last site's files; last is what it found of
	// those the manifest lists (see lastFiles).
	looker   *looker
	lastOnce sync.Once
	last     map[string]lastEntry
	// lookedAt is when those look-ups began: every file of the last site
	// not written since was as the manifest says then.
	lookedAt time.Time
	// forceSwap is set when a killed in-place update may have left the
	// folder part old and part new: the build then swaps a whole site in.
	forceSwap bool
	// sums are the hashes of the files of the new site, for the new
	// manifest; staged those of them written into the staging folder,
	// keptNames those kept as the last site has them.
	mu   sync.Mutex
	sums map[string][sha256.Size]byte
	// fromLast counts the names of sums that the last manifest lists:
	// when it is the manifest's length, the build removes nothing, which
	// it then knows without looking each of the manifest's names up.
	fromLast      int
	staged        []string
	keptNames     []string
	written, kept atomic.Int64
	compared      atomic.Int64
	committed     bool
	changes       Changes
	manifestErr   error
}

// stagingPrefix begins the name of a staging folder beside dest; the
// build ID ends it, so no folder of the user's is ever taken for one.
func stagingPrefix(dest string) string {
	return "." + filepath.Base(dest) + ".staging-"
}

// Begin checks that the locked folder may be replaced and prepares an
// empty staging folder beside it, after removing those that killed
// builds left. owned are the build IDs that the caller recorded for the
// folder (none when nothing is on record): the site committed last, and
// one being committed when a build was killed. A folder is replaced only
// when its marker carries one of them, which proves the generator wrote
// it.
func (l *Lock) Begin(owned ...string) (*Staging, error) {
	if l.f == nil {
		return nil, errReleased
	}
	dest := l.dest
	if err := replaceable(dest, owned); err != nil {
		return nil, err
	}
	forceSwap := abandonedUpdate(dest)
	l.RemoveLeftovers(owned...)
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, err
	}
	s := &Staging{dest: dest, id: hex.EncodeToString(id[:]), sums: map[string][sha256.Size]byte{}, forceSwap: forceSwap}
	if root, err := os.OpenRoot(dest); err == nil {
		if s.prev = ReadManifest(dest); s.prev != nil {
			s.root = root
			s.sums = make(map[string][sha256.Size]byte, len(s.prev.sums))
			s.looker = newLooker(dest)
			go s.lastFiles() // while the build reads and plans
		} else {
			root.Close()
		}
	}
	s.dir = filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+s.id)
	// Mkdir, not MkdirAll: the folder must be new, and ours alone.
	if err := os.Mkdir(s.dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the staging folder: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(s.dir, Marker), os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
	if err == nil {
		_, err = f.WriteString(markerText + idPrefix + s.id + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		s.Abort()
		return nil, fmt.Errorf("%s: %w", s.dir, err)
	}
	return s, nil
}

// RemoveLeftovers removes the staging folders of builds that were killed
// before they finished, and the temporary files of their manifest and
// marker. It runs under the lock, so no live build owns one. A folder
// counts as a leftover only when it is named as staging folders are and
// its marker carries the build ID in its name (a new site never
// committed) or one of owned (an old site swapped out, not yet removed).
func (l *Lock) RemoveLeftovers(owned ...string) {
	if l.f == nil {
		return
	}
	dest := l.dest
	// The manifest and the in-place marker are written under the lock,
	// by atomicfile: a temporary file of theirs is a killed build's.
	atomicfile.Sweep(ManifestPath(dest), updatingPath(dest))
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		return
	}
	prefix := stagingPrefix(dest)
	for _, e := range entries {
		id, ok := strings.CutPrefix(e.Name(), prefix)
		// An old site the two-rename swap set aside (staging-ID.old)
		// carries an ID on record, never its own name's.
		id, aside := strings.CutSuffix(id, oldSuffix)
		if !ok || !e.IsDir() || !validID(id) {
			continue
		}
		p := filepath.Join(filepath.Dir(dest), e.Name())
		if got, err := ID(p); err == nil && (got == id && !aside || slices.Contains(owned, got)) {
			_ = os.RemoveAll(p)
		} else if err != nil && bare(p) {
			// Killed as it began, before its marker was written: nothing
			// in it to lose.
			_ = os.Remove(filepath.Join(p, Marker))
			_ = os.Remove(p)
		}
	}
}

// bare reports whether the folder p holds nothing, or only an empty
// marker: what Begin makes before it writes the marker's ID.
func bare(p string) bool {
	entries, err := os.ReadDir(p)
	if err != nil || len(entries) > 1 {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	info, err := entries[0].Info()
	return err == nil && entries[0].Name() == Marker && info.Mode().IsRegular() && info.Size() == 0
}

// validID reports whether id is a build ID as Begin makes them.
func validID(id string) bool {
	b, err := hex.DecodeString(id)
	return err == nil && len(b) == 8
}

// idPrefix starts the marker's line that names the build.
const idPrefix = "build "

// oldSuffix ends the name the old site takes while two renames swap it.
const oldSuffix = ".old"

// ID names the site being written; output.ID(dest) returns it once the
// site is committed, until another build replaces it.
func (s *Staging) ID() string { return s.id }

// ID returns the build ID in the marker of the output folder dest. The
// marker is read without following a link, and only its first bytes.
func ID(dest string) (string, error) {
	p := filepath.Join(dest, Marker)
	f, err := os.OpenFile(p, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, err := io.ReadFull(f, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	for _, line := range strings.Split(string(b[:n]), "\n") {
		if id, ok := strings.CutPrefix(line, idPrefix); ok && validID(id) {
			return id, nil
		}
	}
	return "", fmt.Errorf("%s: no build ID", p)
}

// replaceable reports why dest must not be replaced: it is a link or a
// file, or a folder with files and no proof that a build of ours wrote
// it, the marker with a build ID on record (owned).
func replaceable(dest string, owned []string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link, and a build would replace the link, not write into its target: give the target itself with -dest", dest)
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: choose another output folder with -dest", dest)
	}
	if _, err := os.Lstat(filepath.Join(dest, Marker)); err == nil {
		id, _ := ID(dest)
		if id != "" && slices.Contains(owned, id) {
			return nil
		}
		return fmt.Errorf("%s has a %s marker, but no build of this generator into it is on record (the state file beside it is missing or names another build), and a build replaces the whole folder: if it only holds an old build, delete it; otherwise choose another output folder with -dest", dest, Marker)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s already holds files that this generator did not write, and a build replaces the whole folder: move them away or choose another output folder with -dest", dest)
	}
	return nil
}

// Dir is the staging folder's path.
func (s *Staging) Dir() string { return s.dir }

// WriteFile writes one file; name is slash-separated and relative to the
// site root. It is safe for concurrent use.
func (s *Staging) WriteFile(name string, data []byte) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	if s.keepLast(name, sum, int64(len(data))) {
		return nil
	}
	// Folders only for files written: a kept file needs none, unless the
	// whole site is swapped in (see fill).
	if err := s.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	s.stage(name, sum)
	s.written.Add(1)
	return nil
}

// CopyFile copies the file at src to name in the site.
func (s *Staging) CopyFile(name, src string) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	sum, size, err := hashFile(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", name, err)
	}
	if s.keepLast(name, sum, size) {
		return nil
	}
	if err := s.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := s.copy(name, p, src); err != nil {
		return err
	}
	s.stage(name, sum)
	return nil
}

// copy copies the file at src to p, the staging path of name.
func (s *Staging) copy(name, p, src string) error {
	in, _, err := srcfile.OpenExact(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", name, err)
	}
	defer in.Close()
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	s.written.Add(1)
	return nil
}

// FileID names a file by its file system's device and inode numbers,
// as a listing of its folder gives them; the zero FileID names none.
type FileID struct{ Dev, Ino uint64 }

// LinkFile stores the build's own file at src (a processed image of the
// image cache, read-only) under name as a hard link, which costs no
// copy; where the two folders are on different file systems, or links
// are refused, it copies. Never for a user's file: editing the output
// would then edit the source. sum is the SHA-256 of its bytes when the
// cache knows it, nil to have it read; id is src's FileID when known.
func (s *Staging) LinkFile(name, src string, known *[sha256.Size]byte, id FileID) error {
	if !validName(name) {
		_, err := s.path(name)
		return err
	}
	// The last site's file is this very file of the cache, as the two
	// folders' listings tell: kept, with no look at either. (At 10,000
	// images, 80,000 look-ups a build.)
	if sum, ok := s.linkedLast(name, known, id); ok {
		s.markKept(name, sum)
		return nil
	}
	// The cache knows the file's hash: the last site's file is kept when
	// the manifest has the same and it is untouched, which takes no look
	// at either file.
	if known != nil && s.keepLast(name, *known, -1) {
		return nil
	}
	// The last site's file is usually this very file of the cache: its
	// hash is on record, and it is kept.
	if sum, same := s.sameAsLast(name, src); same {
		s.markKept(name, sum)
		return nil
	}
	var sum [sha256.Size]byte
	var err error
	size := int64(-1)
	if known != nil {
		sum = *known
	} else if sum, size, err = hashFile(src); err != nil {
		return fmt.Errorf("copying %s: %w", name, err)
	}
	if s.keepLast(name, sum, size) {
		return nil
	}
	// Its path only now: most files of a rebuild are kept above, and
	// joining 90,000 names at 10,000 images made as many strings.
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := s.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	err = s.links.link(src, p)
	if errors.Is(err, fs.ErrExist) {
		// A file already there goes first: writing into it could write
		// into the cache, were it a link to it.
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		err = s.links.link(src, p)
	}
	if err == nil {
		s.written.Add(1)
	} else if err = s.copy(name, p, src); err != nil {
		return err
	}
	s.stage(name, sum)
	return nil
}

// path maps a site file name into the staging folder, refusing any name
// that could reach outside it.
func (s *Staging) path(name string) (string, error) {
	if !validName(name) {
		return "", fmt.Errorf("refusing to write %q: it is not a plain path inside the site", name)
	}
	return filepath.Join(s.dir, filepath.FromSlash(name)), nil
}

// validName reports whether name is a plain relative path that stays
// inside the site.
func validName(name string) bool {
	return filepath.IsLocal(name) && !strings.ContainsAny(name, "\\\x00") && name != Marker
}

// mkdir creates a folder once per build, however many files go in it.
func (s *Staging) mkdir(dir string) error {
	if _, done := s.made.Load(dir); done {
		return nil
	}
	// The staging folder starts empty: one mkdir call, where MkdirAll
	// would first look for the folder and its parent.
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) && dir != s.dir {
		if err = s.mkdir(filepath.Dir(dir)); err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.made.Store(dir, true)
	return nil
}

// Commit puts the new site in place of the old one, in place when few
// files changed (see inplace.go) and otherwise by swapping the whole
// site in, and writes the new site's manifest.
func (s *Staging) Commit() error {
	defer s.closeRoot()
	removed := s.removedNames()
	if s.inPlace(removed) {
		if err := s.commitInPlace(removed); err != nil {
			return err
		}
	} else if err := s.swap(); err != nil {
		return err
	}
	// Written only now that the site is in place: a manifest never
	// describes files the output folder does not have yet.
	s.committed = true
	// A build that changed no file leaves the manifest as it is: at
	// 100,000 files it is some 10 MB to write for nothing.
	if s.prev == nil || s.written.Load() > 0 || len(removed) > 0 || len(s.sums) != len(s.prev.sums) {
		s.manifestErr = writeManifest(s.dest, s.sums)
	} else if s.compared.Load() > 0 && s.lookedAt.After(s.prev.written) {
		// Its time moves on instead, to when this build began to look:
		// the files it compared byte for byte, written too near the
		// manifest for their times to tell, were as it says then, and
		// the next build need not read them again.
		s.manifestErr = touch(ManifestPath(s.dest), s.lookedAt)
	}
	s.changes = Changes{Written: int(s.written.Load()), Kept: int(s.kept.Load()), Removed: len(removed), Compared: int(s.compared.Load())}
	return nil
}

// swap fills the staging folder with the kept files and puts it in the
// output folder's place in one step, then removes the old site.
func (s *Staging) swap() error {
	if err := s.fill(); err != nil {
		return err
	}
	s.closeRoot()
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(s.dest), 0o755); err != nil {
			return err
		}
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("moving the new site into place: %w", err)
		}
	} else {
		if err := exchange(s.dir, s.dest); err != nil {
			return fmt.Errorf("moving the new site into place: %w", err)
		}
		// The staging path now holds the previous site.
		if err := os.RemoveAll(s.dir); err != nil {
			return err
		}
	}
	// A killed in-place update is over once a whole site is in place.
	if err := os.Remove(updatingPath(s.dest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Abort removes the staging folder, leaving the old site as it was.
func (s *Staging) Abort() {
	s.closeRoot()
	_ = os.RemoveAll(s.dir)
}

func (s *Staging) closeRoot() {
	s.links.close()
	if s.root != nil {
		s.lastFiles() // look-ups begun go on in the background
		s.looker.close()
		s.root.Close()
		s.root = nil
	}
}

// swapByRenames replaces dest with dir in two renames: the fallback where
// the file system cannot exchange two folders in one step. It leaves the
// old site at dir.
func swapByRenames(dir, dest string) error {
	old := dir + oldSuffix
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(dir, dest); err != nil {
		_ = os.Rename(old, dest) // put the old site back
		return err
	}
	return os.Rename(old, dir)
}

// Remove deletes a file from the staging folder; a staging folder starts
// empty, so there is usually nothing to delete.
func (s *Staging) Remove(name string) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	s.mu.Lock()
	if _, had := s.sums[name]; had && s.prev != nil {
		if _, listed := s.prev.sums[name]; listed {
			s.fromLast--
		}
	}
	delete(s.sums, name)
	s.staged = slices.DeleteFunc(s.staged, func(n string) bool { return n == name })
	s.keptNames = slices.DeleteFunc(s.keptNames, func(n string) bool { return n == name })
	s.mu.Unlock()
	return nil
}
