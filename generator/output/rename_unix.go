//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// canRenameAt: files can be moved between two open folders.
const canRenameAt = true

// renameAt moves the file from in the folder a to the name to in the
// folder b, replacing what is there (a link itself, never its target).
func renameAt(a *os.File, from string, b *os.File, to string) error {
	if err := unix.Renameat(int(a.Fd()), from, int(b.Fd()), to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
