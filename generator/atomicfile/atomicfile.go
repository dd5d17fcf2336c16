// Package atomicfile writes a file whole or not at all: under a fresh
// name in the same folder, then renamed into place. A reader (another
// build, the dev server) sees the old file or the new one, never part of
// one; a build killed midway leaves the old one; and a symbolic link
// planted at the name is replaced, never written through.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write puts b at name in place of whatever was there.
func Write(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err = errors.Join(err, f.Close()); err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
