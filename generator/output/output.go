// Package output writes a built site to its folder so that the folder
// always holds either the previous complete site or the new complete one:
// files go to a staging folder beside it, which then takes its place in
// one step. It never writes outside that staging folder, and it refuses
// to replace a folder that it did not write.
package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
}

// Begin checks that dest may be replaced and prepares an empty staging
// folder beside it, removing one left by a build that was killed.
func Begin(dest string) (*Staging, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := replaceable(dest); err != nil {
		return nil, err
	}
	dir := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".staging")
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("removing an old staging folder: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the staging folder: %w", err)
	}
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, err
	}
	s := &Staging{dest: dest, dir: dir, id: hex.EncodeToString(id[:])}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(markerText+idPrefix+s.id+"\n"), 0o644); err != nil {
		s.Abort()
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return s, nil
}

// idPrefix starts the marker's line that names the build.
const idPrefix = "build "

// ID names the site being written; output.ID(dest) returns it once the
// site is committed, until another build replaces it.
func (s *Staging) ID() string { return s.id }

// ID returns the build ID in the marker of the output folder dest.
func ID(dest string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if id, ok := strings.CutPrefix(line, idPrefix); ok {
			return id, nil
		}
	}
	return "", fmt.Errorf("%s: no build ID", filepath.Join(dest, Marker))
}

// replaceable reports why dest must not be replaced: it is a file, or a
// folder with files that no build of ours wrote.
func replaceable(dest string) error {
	info, err := os.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: choose another output folder with -dest", dest)
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
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
	if err := s.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// CopyFile copies the file at src to name in the site.
func (s *Staging) CopyFile(name, src string) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if err := s.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
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
	return out.Close()
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

// Commit puts the staged site in place of the old one and removes the old.
func (s *Staging) Commit() error {
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(s.dest), 0o755); err != nil {
			return err
		}
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("moving the new site into place: %w", err)
		}
		return nil
	}
	if err := exchange(s.dir, s.dest); err != nil {
		return fmt.Errorf("moving the new site into place: %w", err)
	}
	// The staging path now holds the previous site.
	return os.RemoveAll(s.dir)
}

// Abort removes the staging folder, leaving the old site as it was.
func (s *Staging) Abort() { _ = os.RemoveAll(s.dir) }

// swapByRenames replaces dest with dir in two renames: the fallback where
// the file system cannot exchange two folders in one step. It leaves the
// old site at dir.
func swapByRenames(dir, dest string) error {
	old := dir + ".old"
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
	return nil
}
