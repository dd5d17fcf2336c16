package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tdewolff/parse/v2"

	"folio/generator/diag"
	"folio/generator/output"
	"folio/generator/render"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// staticDir holds files copied to the site as they are.
const staticDir = "static"

// staticFile is one file to copy: its name in the site and its source.
type staticFile struct {
	name string // slash-separated, relative to the site root
	src  string
	// path is the source relative to the site root, slash-separated, for
	// problems: static/css/style.css, also for its fingerprinted copy.
	path string
	// processed: a size of an image, made by the build, copied as it is.
	processed bool
	// sum is the SHA-256 of a processed file's bytes when the image
	// cache knows it (known false otherwise), for the output's manifest.
	sum   [sha256.Size]byte
	known bool
	// id is a processed file's device and inode numbers, as the listing
	// of the image cache gave them (zero when it did not).
	id output.FileID
}

// problem is a problem with the static file f, made of err. It names the
// file relative to the site root, with the line and column of a syntax
// error of a stylesheet or script, and leaves out the absolute path
// os errors about the source give.
func (f staticFile) problem(err error) *diag.Problem {
	var pe *parse.Error
	if errors.As(err, &pe) {
		return &diag.Problem{Path: f.path, Line: pe.Line, Column: pe.Column, Message: pe.Message}
	}
	var fe *fs.PathError
	if errors.As(err, &fe) && fe.Path == f.src {
		return &diag.Problem{Path: f.path, Message: fe.Op + ": " + fe.Err.Error()}
	}
	return &diag.Problem{Path: f.path, Message: err.Error()}
}

// staticFiles lists root/static. A symbolic link is followed only when it
// points to a file inside the site root; links to folders are not followed,
// so a link loop cannot hang the build.
func staticFiles(root string) ([]staticFile, diag.List) {
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, diag.List{diag.Errorf(staticDir, 0, "", "%v", err)}
	}
	dir, err := sitepath.Folder(root, staticDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(staticDir, 0, "", "%v", err)}
	}
	if err := apart(root, dir); err != nil {
		return nil, diag.List{diag.Errorf(staticDir, 0, "", "%v", err)}
	}
	var files []staticFile
	var probs diag.List
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		name := filepath.ToSlash(rel)
		show := filepath.ToSlash(filepath.Join(staticDir, rel))
		if err != nil {
			// A folder that cannot be listed: the site would lack its
			// files, so the build stops and names it.
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			probs = append(probs, diag.Errorf(show, 0, "", "cannot be read: %v", err))
			return fs.SkipDir
		}
		src := p
		switch {
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			target, err := sitepath.Real(p)
			if err != nil {
				probs = append(probs, diag.Warnf(show, 0, "", "a broken link, not copied"))
				return nil
			}
			info, err := os.Stat(target)
			if err != nil || !info.Mode().IsRegular() || !sitepath.Within(target, absRoot) {
				probs = append(probs, diag.Warnf(show, 0, "", "a link to a folder or to a file outside the site is not copied"))
				return nil
			}
			// Copy what was checked: the target, which the copy opens
			// without following a link swapped in since.
			src = target
		case !d.Type().IsRegular():
			probs = append(probs, diag.Warnf(show, 0, "", "%s, not a regular file: not copied", srcfile.Kind(d.Type())))
			return nil
		}
		files = append(files, staticFile{name: name, src: src, path: show})
		return nil
	})
	if err != nil {
		probs = append(probs, diag.Errorf(staticDir, 0, "", "%v", err))
	}
	return files, probs
}

// fingerprinted adds to files a copy of each stylesheet and script under
// a name made from a hash of its bytes, and returns the site paths of the
// originals mapped to those names. The originals stay, for anything that
// links them by name.
func fingerprinted(files []staticFile) ([]staticFile, map[string]string, diag.List) {
	assets := map[string]string{}
	var probs diag.List
	out := files
	for _, f := range files {
		ext := path.Ext(f.name)
		if ext != ".css" && ext != ".js" {
			continue
		}
		b, err := srcfile.Read(f.src, srcfile.MaxText)
		if err != nil {
			probs = append(probs, f.problem(err))
			continue
		}
		sum := sha256.Sum256(b)
		name := strings.TrimSuffix(f.name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		out = append(out, staticFile{name: name, src: f.src, path: f.path})
		assets["/"+f.name] = "/" + name
	}
	return out, assets, probs
}

// apart reports why the static folder, really at dir, must not be
// published: it is, or holds, the site root, content/ or layouts/ (a
// static/ linked to "." would publish config.yaml and drafts, and each
// build's output with it).
func apart(root, dir string) error {
	real, err := sitepath.Real(root)
	if err != nil {
		return err
	}
	if sitepath.Within(real, dir) {
		return fmt.Errorf("a link to %s, which holds the whole site: static/ must be a folder of its own", dir)
	}
	for _, d := range []string{"content", render.LayoutsDir} {
		other, err := sitepath.Resolve(filepath.Join(root, d))
		if err != nil {
			return err
		}
		if sitepath.Within(other, dir) || sitepath.Within(dir, other) {
			return fmt.Errorf("a link to %s, which overlaps %s/: static/ must be a folder of its own", dir, d)
		}
	}
	return nil
}
