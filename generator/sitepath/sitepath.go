// Package sitepath answers where a path really is: resolved through its
// symbolic links, and whether that stays inside a folder. The generator
// follows links only when they do, so nothing outside the site is read
// and nothing the user keeps is written over.
package sitepath

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

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

// Folder returns the path to read the site folder rel (slash-separated,
// relative to root) by. The folder may be a symbolic link to a folder
// inside the site, which is then read through its target; a link that
// leaves the site, or anything but a folder, is an error saying so, since
// reading nothing there would silently build an empty site. A folder
// that does not exist gives an error satisfying errors.Is(err,
// fs.ErrNotExist).
func Folder(root, rel string) (string, error) {
	p := filepath.Join(root, filepath.FromSlash(rel))
	info, err := os.Lstat(p)
	if err != nil {
		return "", err
	}
	if info.IsDir() {
		return p, nil
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return "", fmt.Errorf("not a folder")
	}
	target, err := Real(p)
	if err != nil {
		return "", fmt.Errorf("a broken symbolic link: %w", err)
	}
	absRoot, err := Real(root)
	if err != nil {
		return "", err
	}
	if !Within(target, absRoot) {
		return "", fmt.Errorf("a symbolic link to %s, outside the site, which the generator does not read: move the folder into the site, or link to it from inside", target)
	}
	if info, err := os.Stat(target); err != nil || !info.IsDir() {
		return "", fmt.Errorf("a symbolic link to something other than a folder")
	}
	return target, nil
}

// ErrEscapes is returned when a folder on the way is a symbolic link that
// leads out of the site.
var ErrEscapes = errors.New("a folder on the way is a symbolic link that leads out of the site, and the generator never writes through one")

// MkdirInside makes the folder rel (slash-separated, relative to root)
// and those on the way to it, and returns its real path, to write files
// in. Folders on the way may be symbolic links while they lead to
// folders inside the site, the rule the build follows when it reads; a
// link out of the site gives ErrEscapes, and nothing is created beyond it.
func MkdirInside(root, rel string) (string, error) {
	absRoot, err := Real(root)
	if err != nil {
		return "", err
	}
	dir := absRoot
	for _, part := range strings.Split(rel, "/") {
		if part == "" || part == "." {
			continue
		}
		if part == ".." {
			return "", ErrEscapes
		}
		next := filepath.Join(dir, part)
		info, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) {
			if err := os.Mkdir(next, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return "", err
			}
			info, err = os.Lstat(next)
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			target, err := Real(next)
			if err != nil {
				return "", fmt.Errorf("%s is a broken symbolic link", part)
			}
			if !Within(target, absRoot) {
				return "", ErrEscapes
			}
			next = target
			info, err = os.Stat(next)
			if err != nil {
				return "", err
			}
		}
		if !info.IsDir() {
			return "", fmt.Errorf("%s is not a folder", part)
		}
		dir = next
	}
	return dir, nil
}

// Resolve is p made absolute with the symbolic links of its longest
// existing part resolved: where a file or folder at p, existing or not,
// would really be. Checks of where a build may write compare such paths,
// since a link on the way can lead anywhere.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}
