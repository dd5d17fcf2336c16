package wordpress

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"folio/generator/diag"
	"folio/generator/migrate"
)

// uploadsPath is where WordPress serves its uploads, below the site's
// address. The files copied keep it (static/wp-content/uploads/…), so
// that the old addresses of the images and documents posts use keep
// working on the new host, and each file is copied once however many
// posts use it.
const uploadsPath = "/wp-content/uploads/"

// uploadGroup gathers the links to uploads a migration without -uploads
// leaves on the old site.
const uploadGroup = "Links to uploads left on the old site (migrate again with -uploads DIR, DIR a copy of its wp-content/uploads, to copy the files)"

// sizeVariant is a size WordPress made of an uploaded image, named after
// it: photo-300x200.jpg of photo.jpg.
var sizeVariant = regexp.MustCompile(`^(.+)-[0-9]+x[0-9]+(\.[A-Za-z0-9]+)$`)

// uploads copies the files of the old site's uploads folder that posts
// link to, and keeps account of the links it cannot rewrite. Items are
// converted on several goroutines, each with its own itemUploads; what
// they share (the files linked to, the counts, what -uploads holds) is
// under mu, and is the same whatever order they come in. The files are
// copied by the item's Sink, in the export's order, each once (copyOnce).
type uploads struct {
	// dir is the -uploads folder; "" leaves every link to uploads as it
	// is, and counts them.
	dir string

	mu sync.Mutex
	// used are, without dir, the files (paths below uploads) linked to.
	used map[string]bool
	// links and posts count, without dir, the links left and the posts
	// and pages that have them.
	links, posts int
	// found is, with dir, what a link to a file becomes: the file copied
	// (an original rather than a size), or why it cannot be.
	found map[string]found
}

type found struct {
	rel string
	err error
	// alsoVariant: the link was to a size variant of rel, which dir has
	// too; it is copied as well, so that its old address (in search
	// engines' image indexes, on other sites) keeps working.
	alsoVariant bool
}

// itemUploads are one item's links that stay on the old site (without
// dir), files missing from dir or refused, and the files to copy.
type itemUploads struct {
	*uploads
	left, missing []string
	refused       []string
	files         []string
	err           error
}

func newUploads(dir string) (*uploads, error) {
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil || !info.IsDir() {
			return nil, fmt.Errorf("-uploads %s: not a folder: give a copy of the old site's wp-content/uploads", diag.Name(dir))
		}
		if isDir(filepath.Join(dir, "uploads")) && (isDir(filepath.Join(dir, "themes")) || isDir(filepath.Join(dir, "plugins"))) {
			return nil, fmt.Errorf("-uploads %s is wp-content: give its uploads folder, whose paths the links name", diag.Name(dir))
		}
	}
	return &uploads{dir: dir, used: map[string]bool{}, found: map[string]found{}}, nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// item starts the account of an item's links.
func (u *uploads) item() *itemUploads {
	return &itemUploads{uploads: u}
}

// fileOf is the path below uploads of the link pu, when it is a link to
// an upload of the site at base: on its host (or a path without one)
// below its path.
func fileOf(pu *url.URL, base *url.URL) (string, bool) {
	if rel, ok := hostedFile(pu, base); ok {
		return rel, true
	}
	switch {
	case pu.Scheme != "" && pu.Scheme != "http" && pu.Scheme != "https":
		return "", false
	case pu.Host != "":
		if base == nil || !strings.EqualFold(pu.Host, base.Host) {
			return "", false
		}
	case pu.Scheme != "" || !strings.HasPrefix(pu.Path, "/"):
		return "", false
	}
	p := pu.Path
	if base != nil {
		bp := strings.TrimSuffix(base.Path, "/")
		if !strings.HasPrefix(p, bp+"/") {
			return "", false
		}
		p = strings.TrimPrefix(p, bp)
	}
	rel, ok := strings.CutPrefix(p, uploadsPath)
	if !ok || !fs.ValidPath(rel) || rel == "." {
		return "", false
	}
	return rel, true
}

// hostedFile is the path below uploads of a link to an upload served
// from elsewhere than the site: WordPress.com's own media host
// (news.files.wordpress.com/2015/06/a.jpg for news.wordpress.com), and
// Jetpack's image CDN (i0.wp.com/news.example.org/wp-content/uploads/…),
// which exports of such sites link to.
func hostedFile(pu *url.URL, base *url.URL) (string, bool) {
	if base == nil || pu.Scheme != "http" && pu.Scheme != "https" {
		return "", false
	}
	host := strings.ToLower(pu.Host)
	if blog, ok := strings.CutSuffix(strings.ToLower(base.Host), ".wordpress.com"); ok && host == blog+".files.wordpress.com" {
		rel := strings.TrimPrefix(pu.Path, "/")
		return rel, rel != "" && fs.ValidPath(rel)
	}
	if len(host) == len("i0.wp.com") && host[0] == 'i' && host[1] >= '0' && host[1] <= '9' && strings.HasSuffix(host, ".wp.com") {
		site, rest, _ := strings.Cut(strings.TrimPrefix(pu.Path, "/"), "/")
		if strings.EqualFold(site, base.Host) {
			return fileOf(&url.URL{Path: "/" + rest}, &url.URL{Path: base.Path})
		}
	}
	return "", false
}

// link is what a link to the upload rel (written u, parsed pu) becomes:
// the new site's path of the file, copied from dir, or u where there is
// no dir or the file cannot be copied.
func (t *itemUploads) link(rel string, pu *url.URL, orig string) string {
	if t.dir == "" {
		t.mu.Lock()
		t.used[rel] = true
		t.mu.Unlock()
		if !slices.Contains(t.left, orig) {
			t.left = append(t.left, orig)
		}
		return orig
	}
	f := t.find(rel)
	var refused *migrate.NotCopied
	switch err := f.err; {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		if !slices.Contains(t.missing, orig) {
			t.missing = append(t.missing, orig)
		}
		return orig
	case errors.As(err, &refused):
		if why := orig + ": " + refused.Why; !slices.Contains(t.refused, why) {
			t.refused = append(t.refused, why)
		}
		return orig
	default:
		if t.err == nil {
			t.err = err
		}
		return orig
	}
	if !slices.Contains(t.files, f.rel) {
		t.files = append(t.files, f.rel)
	}
	if f.alsoVariant && !slices.Contains(t.files, rel) {
		t.files = append(t.files, rel)
	}
	out := (&url.URL{Path: uploadsPath + f.rel}).EscapedPath()
	if pu.Fragment != "" {
		out += "#" + pu.EscapedFragment()
	}
	return out
}

// find is the file of dir a link to rel is to, and whether it can be
// copied, looked up once per file: the file system's answer does not
// depend on which item asks first.
func (u *uploads) find(rel string) found {
	u.mu.Lock()
	f, ok := u.found[rel]
	u.mu.Unlock()
	if ok {
		return f
	}
	f.rel = u.original(rel)
	f.err = migrate.CheckCopy(u.dir, f.rel)
	f.alsoVariant = f.err == nil && f.rel != rel && migrate.CheckCopy(u.dir, rel) == nil
	u.mu.Lock()
	u.found[rel] = f
	u.mu.Unlock()
	return f
}

// original is the file a size variant was made of, when dir has it: the
// image WordPress shows at full size, which is the name with -scaled
// when WordPress scaled a large upload down (since 5.3; the upload itself
// is then only its backup). Every size links to it; the sizes posts used
// are copied too, for their old addresses. An edited image (photo-e1622548800123.jpg) is another
// picture (cropped, turned), kept as it is.
func (u *uploads) original(rel string) string {
	dir, name := path.Split(rel)
	m := sizeVariant.FindStringSubmatch(name)
	if m == nil {
		return rel
	}
	for _, cand := range []string{dir + m[1] + "-scaled" + m[2], dir + m[1] + m[2]} {
		if _, err := os.Lstat(filepath.Join(u.dir, filepath.FromSlash(cand))); err == nil {
			return cand
		}
	}
	return rel
}

// end reports the item's links that stay on the old site, copies the
// files it links to, and returns the first error reading or writing one.
func (t *itemUploads) end(sink migrate.Sink, file string, it *Item, kind string) error {
	for _, m := range t.missing {
		sink.Note(migrate.Item{Group: "Uploads not found in the -uploads folder (the links stay on the old site)", File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s: %s", kind, it.ID, m)})
	}
	for _, r := range t.refused {
		sink.Note(migrate.Item{Group: "Uploads not copied (the links stay on the old site)", File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s: %s", kind, it.ID, r)})
	}
	if n := len(t.left); n > 0 {
		t.mu.Lock()
		t.links += n
		t.posts++
		t.mu.Unlock()
		shown := t.left
		more := ""
		if len(shown) > 3 {
			shown, more = shown[:3], fmt.Sprintf(" and %d more", n-3)
		}
		sink.Note(migrate.Item{Group: uploadGroup, File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s: %d %s: %s%s", kind, it.ID, n, plural(n, "link", "links"), strings.Join(shown, ", "), more)})
	}
	if t.err != nil {
		return t.err
	}
	for _, rel := range t.files {
		if err := sink.CopyFile(t.dir, rel, "static"+uploadsPath+rel, migrate.Uploads); err != nil {
			return err
		}
	}
	return nil
}

// copyOnce is the Sink items write to: it copies a file once however
// many items copy it, and takes a file already there (as the old
// migration did) as copied.
type copyOnce struct {
	migrate.Sink
	copied map[string]bool
}

func (c *copyOnce) CopyFile(dir, rel, dest string, kind migrate.Kind) error {
	if c.copied[dest] {
		return nil
	}
	c.copied[dest] = true
	if err := c.Sink.CopyFile(dir, rel, dest, kind); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// total reports, without -uploads, how many links stay on the old site.
func (u *uploads) total(sink migrate.Sink, file string) {
	if u.links == 0 {
		return
	}
	sink.Note(migrate.Item{Group: uploadGroup, File: file,
		What: fmt.Sprintf("%d %s in %d %s to %d %s of wp-content/uploads stay absolute, on the old site", u.links, plural(u.links, "link", "links"),
			u.posts, plural(u.posts, "post or page", "posts and pages"), len(u.used), plural(len(u.used), "file", "files"))})
}
