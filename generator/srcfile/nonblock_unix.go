//go:build unix

package srcfile

import "syscall"

// nonBlock makes opening a named pipe return at once instead of waiting
// for a writer; on a regular file it changes nothing.
const nonBlock = syscall.O_NONBLOCK

// noFollow makes opening a symbolic link fail.
const noFollow = syscall.O_NOFOLLOW
