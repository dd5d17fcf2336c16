// Package sitepath answers where a path really is: resolved through its
// symbolic links, and whether that stays inside a folder. The generator
// follows links only when they do, so nothing outside the site is read
// and nothing the user keeps is written over.
package sitepath

import "path/filepath"

// Real is p made absolute with every symbolic link resolved.
func Real(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// Within reports whether path is dir or below it. Both must be absolute
// and cleaned, or both relative to the same folder.
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}
