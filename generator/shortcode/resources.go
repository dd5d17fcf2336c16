package shortcode

import (
	"image"
	_ "image/gif" // for Width and Height
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// StaticDir is where resources.Get finds files: Hugo's assets/ are
// there once a site is migrated.
const StaticDir = "static"

// resourcesNS is Hugo's resources namespace, for the files of the
// site's static/ folder.
type resourcesNS struct{ set *Set }

// Get returns the file of static/ at a path, or nil when there is none,
// so that {{ with resources.Get "img/a.png" }} works as in Hugo.
func (r resourcesNS) Get(p any) *Resource {
	if r.set == nil || r.set.root == "" {
		return nil
	}
	name := strings.TrimPrefix(slashes(p), "/")
	if name == "" || !fs.ValidPath(name) {
		return nil
	}
	rel := path.Join(StaticDir, name)
	file, ok := fileInside(r.set.root, rel)
	if !ok {
		return nil
	}
	return &Resource{name: name, file: file, MediaType: mediaTypeOf(name)}
}

// fileInside returns the real path of the regular file rel of the site,
// when it is one and stays inside the site.
func fileInside(root, rel string) (string, bool) {
	target, err := sitepath.Real(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return "", false
	}
	absRoot, err := sitepath.Real(root)
	if err != nil || !sitepath.Within(target, absRoot) {
		return "", false
	}
	info, err := os.Stat(target)
	if err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	return target, true
}

// Resource is a file of static/, as Hugo's resources.Get gives one. Image
// processing (Resize, Fit, Fill, Crop, Process) gives the file as it is:
// folio serves images as the site has them.
type Resource struct {
	name, file string
	MediaType  MediaType
}

// RelPermalink is the file's site path.
func (r *Resource) RelPermalink() string { return (&url.URL{Path: "/" + r.name}).EscapedPath() }

// Permalink is RelPermalink: folio's pages link with relative addresses
// (see relURL), so the site works under any base URL.
func (r *Resource) Permalink() string { return r.RelPermalink() }

// Name is the path relative to static/, with a leading slash, as Hugo's
// is relative to assets/.
func (r *Resource) Name() string { return "/" + r.name }

// Title is Name.
func (r *Resource) Title() string { return r.Name() }

// ResourceType is the media type's main type: image, text…
func (r *Resource) ResourceType() string { return r.MediaType.MainType }

// Resize and the others return the file unchanged.
func (r *Resource) Resize(string) *Resource  { return r }
func (r *Resource) Fit(string) *Resource     { return r }
func (r *Resource) Fill(string) *Resource    { return r }
func (r *Resource) Crop(string) *Resource    { return r }
func (r *Resource) Process(string) *Resource { return r }

// Width and Height are an image's size in pixels; 0 for what is not a
// GIF, JPEG or PNG image.
func (r *Resource) Width() int  { w, _ := r.size(); return w }
func (r *Resource) Height() int { _, h := r.size(); return h }

func (r *Resource) size() (int, int) {
	f, _, err := srcfile.Open(r.file)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0
	}
	return c.Width, c.Height
}

// MediaType is a file's type, as Hugo's: image/png is MainType image and
// SubType png.
type MediaType struct {
	Type, MainType, SubType string
	Suffixes                []string
}

func (m MediaType) String() string { return m.Type }

// mediaTypes are the types of the files sites keep, by extension; the
// system's table is not used, so that a site builds the same everywhere.
var mediaTypes = map[string]string{
	"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
	"avif": "image/avif", "svg": "image/svg+xml", "ico": "image/x-icon", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
	"pdf": "application/pdf", "json": "application/json", "xml": "application/xml", "zip": "application/zip",
	"css": "text/css", "js": "text/javascript", "html": "text/html", "htm": "text/html", "txt": "text/plain", "csv": "text/csv", "md": "text/markdown",
	"mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav", "m4a": "audio/mp4",
	"woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
	"doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"ppt": "application/vnd.ms-powerpoint", "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

func mediaTypeOf(name string) MediaType {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	t, ok := mediaTypes[ext]
	if !ok {
		t = "application/octet-stream"
	}
	main, sub, _ := strings.Cut(t, "/")
	var suffixes []string
	if ext != "" {
		suffixes = []string{ext}
	}
	return MediaType{Type: t, MainType: main, SubType: sub, Suffixes: suffixes}
}
