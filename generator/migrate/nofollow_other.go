//go:build !unix

package migrate

// noFollow is 0 where the system has no O_NOFOLLOW; the new site is a
// fresh folder only the migration writes in.
const noFollow = 0
