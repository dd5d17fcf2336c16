//go:build unix

package output

import (
	"os"
	"time"

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

// touch sets the time of the file at p, never of what it links to.
func touch(p string, t time.Time) error {
	ts := unix.NsecToTimespec(t.UnixNano())
	if err := unix.UtimesNanoAt(unix.AT_FDCWD, p, []unix.Timespec{ts, ts}, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return &os.PathError{Op: "touch", Path: p, Err: err}
	}
	return nil
}
