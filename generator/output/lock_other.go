//go:build !unix

package output

import "os"

// noFollow is zero where the system has no such flag.
const noFollow = 0

// Elsewhere than Unix, builds are not locked against each other.
func tryLock(*os.File) (bool, error) { return false, nil }
func lock(*os.File) error            { return nil }
func unlock(*os.File) error          { return nil }
