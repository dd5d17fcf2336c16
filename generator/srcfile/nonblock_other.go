//go:build !unix

package srcfile

// nonBlock is zero where named pipes cannot be opened by path.
const nonBlock = 0
