package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders atomically, so no reader ever sees a missing
// or half-written site; it falls back to two renames on file systems that
// cannot exchange.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return swapByRenames(a, b)
	}
	return err
}
