// Package atomicfile writes a file whole or not at all: under a fresh
// name in the same folder, then renamed into place. A reader (another
// build, the dev server) sees the old file or the new one, never part of
// one; a build killed midway leaves the old one; and a symbolic link
// planted at the name is replaced, never written through.
//
// A build killed midway also leaves its temporary file. Sweep removes
// those, for whoever holds the lock that every writer of a name takes.
package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
)

// tempMark is in every temporary name, after the name it stands for:
// ".state.tmp-123456" for "state".
const tempMark = ".tmp-"

// File is a file being written in place of another (see Create).
type File struct {
	*os.File
	name string
}

// Create begins writing the file name, under a temporary name until
// Commit.
func Create(name string) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+tempMark+"*")
	if err != nil {
		return nil, err
	}
	return &File{File: f, name: name}, nil
}

// Commit closes the file and puts it at its name, in place of whatever
// was there; on failure, the temporary file is removed and the name
// keeps what it had.
func (f *File) Commit() error {
	err := f.Close()
	if err == nil {
		err = os.Rename(f.Name(), f.name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Abort drops what was written: the name keeps what it had.
func (f *File) Abort() {
	f.Close()
	os.Remove(f.Name())
}

// Write puts b at name in place of whatever was there.
func Write(name string, b []byte) error {
	f, err := Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// Temporary reports whether a file's base name is one that Write and
// Create give their temporary files.
func Temporary(base string) bool {
	return strings.HasPrefix(base, ".") && strings.Contains(base, tempMark)
}

// Sweep removes the temporary files that writes of the names (paths of
// files) left when their process was killed, listing each folder once.
// Its caller must hold the lock that every writer of those names takes:
// a live writer's file would be removed too. A link is removed, not
// followed; a folder is left.
func Sweep(names ...string) {
	prefixes := map[string][]string{}
	for _, name := range names {
		dir := filepath.Dir(name)
		prefixes[dir] = append(prefixes[dir], "."+filepath.Base(name)+tempMark)
	}
	for dir, ps := range prefixes {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			for _, p := range ps {
				if strings.HasPrefix(e.Name(), p) {
					_ = os.Remove(filepath.Join(dir, e.Name()))
					break
				}
			}
		}
	}
}
