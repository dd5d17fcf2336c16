//go:build unix

package blobcache

import (
	"errors"
	"os"
	"syscall"
)

// noFollow makes opening a symbolic link fail instead of opening what it
// leads to: nothing is read or written through a link planted in the
// cache.
const noFollow = syscall.O_NOFOLLOW

// exclusive tells that lockDir keeps every other build out: what a
// build writes only under the lock, and finds with the lock taken, was
// left by a build that was killed.
const exclusive = true

// lockDir takes the cache folder's lock file, waiting for another build
// that holds it.
func lockDir(name string) (unlock func(), err error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
