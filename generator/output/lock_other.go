//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package output

import "os"

// noFollow: where flock is missing, O_NOFOLLOW may be too.
const noFollow = 0

// hardLinks is unknown here.
func hardLinks(os.FileInfo) uint64 { return 1 }

// Elsewhere than Unix, builds are not locked against each other.
func tryLock(*os.File) (bool, error) { return false, nil }
func lock(*os.File) error            { return nil }
func unlock(*os.File) error          { return nil }
