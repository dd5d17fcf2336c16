//go:build !unix

package output

import (
	"errors"
	"os"
	"time"
)

// canRenameAt: elsewhere than Unix, a build always swaps its whole site.
const canRenameAt = false

func renameAt(*os.File, string, *os.File, string) error {
	return errors.New("not supported here")
}

// touch sets the time of the file at p, when it is a file and no link.
func touch(p string, t time.Time) error {
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
		return errors.New("the manifest is not a file")
	}
	return os.Chtimes(p, t, t)
}
