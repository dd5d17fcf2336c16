//go:build !unix

package output

import (
	"errors"
	"os"
)

// canRenameAt: elsewhere than Unix, a build always swaps its whole site.
const canRenameAt = false

func renameAt(*os.File, string, *os.File, string) error {
	return errors.New("not supported here")
}
