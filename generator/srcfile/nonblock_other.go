//go:build !unix

package srcfile

// nonBlock is zero where named pipes cannot be opened by path.
const nonBlock = 0

// noFollow is zero where the system has no such flag.
const noFollow = 0
