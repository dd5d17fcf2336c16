package render

import (
	"html"
	"html/template"
	"path"
	"slices"
	"strconv"
	"strings"

	"folio/generator/content"
	"folio/generator/site"
)

// Picture is an image of the site made in several widths (see the
// imaging package), as pages show it: its size, and the URLs of its
// sizes in WebP and in the fallback format, narrowest first.
type Picture struct {
	Width, Height int
	// Type is the fallback format's media type: image/jpeg or image/png.
	Type  string
	Sizes []PictureSize
}

// PictureSize is one width of a Picture; WebP and Fallback are site
// paths. Only some sizes have a Fallback (see imaging.FallbackAt): the
// narrowest, and the widest that pages share and show to browsers
// without WebP.
type PictureSize struct {
	Width, Height  int
	WebP, Fallback string
}

// Pictures are the site's processed images by the site path of their
// source (/img/harbour.jpg).
type Pictures map[string]*Picture

// pictureSizes tells browsers how wide an image is shown: the text
// column of the default layouts (64ch of the body serif, about 40em), or
// the whole viewport below that; a thumbnail is a fifth of the column.
const (
	columnSizes = "(min-width: 44em) 40em, calc(100vw - 2em)"
	thumbSizes  = "8em"
)

// thumbEnough is the width past which a thumbnail needs no wider size:
// 8em is 128 CSS pixels at the browser's default font size, so 640
// pixels cover a screen of 3 device pixels per CSS pixel zoomed to 160%
// or a 5× screen. Wider sizes in a thumbnail's srcset would only make
// every list page longer: 50 cards of a term page carry some 11 KB of
// URLs that no browser picks.
const thumbEnough = 640

// thumbCandidates are the sizes a thumbnail's srcset lists: the
// narrowest up to the first at least thumbEnough wide.
func thumbCandidates(sizes []PictureSize) []PictureSize {
	for i, z := range sizes {
		if z.Width >= thumbEnough {
			return sizes[:i+1]
		}
	}
	return sizes
}

// pictureOptions say how a page shows a picture.
type pictureOptions struct {
	// lead is the first image of the page, loaded at once and first;
	// thumb a small image in a list.
	lead, thumb bool
}

// Picture shows an image of the site, by its site path, as a <picture>
// of its sizes in WebP and its fallback format, with the width and
// height that keep the page from moving as it loads, loaded lazily
// unless it is the page's lead image: {{ .Picture $a.Image $a.ImageAlt
// "lead" }}. Options: "lead" (loaded first, fetchpriority high), "thumb"
// (a small image), both for a small image at the top of a page (a term
// page's portrait). An image the site does not process (an address
// on another host, an SVG) is a plain <img>.
func (d *Data) Picture(src, alt string, options ...string) template.HTML {
	return template.HTML(pictureHTML(d.Site.pictures, d.Rel, src, alt, "", parseOptions(options)))
}

// Picture is Data.Picture for partials/summary.html: {{ .Picture
// .Article.Image .Article.ImageAlt "thumb" }}.
func (it *Item) Picture(src, alt string, options ...string) template.HTML {
	return template.HTML(pictureHTML(it.Site.pictures, it.Rel, src, alt, "", parseOptions(options)))
}

// Thumb is the article's lead image as a list shows it, its Picture
// with "thumb", or "" when it has none: {{ with .Thumb }}…{{ end }} in
// partials/summary.html. One call without arguments where the Picture
// call took a with, two field chains and three arguments: a list card
// is rendered for every article, twice for those on an author's page.
func (it *Item) Thumb() template.HTML {
	if it.Article.Image == "" {
		return ""
	}
	return template.HTML(pictureHTML(it.Site.pictures, it.Rel, it.Article.Image, it.Article.ImageAlt, "", pictureOptions{thumb: true}))
}

func parseOptions(options []string) pictureOptions {
	var o pictureOptions
	for _, opt := range options {
		switch opt {
		case "lead":
			o.lead = true
		case "thumb":
			o.thumb = true
		}
	}
	return o
}

// pictureHTML writes the markup of Picture, its URLs made by rel; title
// is the image's tooltip, "" for none.
func pictureHTML(pics Pictures, rel func(string) string, src, alt, title string, o pictureOptions) string {
	var b strings.Builder
	pic := pics[src]
	if pic == nil || len(pic.Sizes) == 0 {
		b.WriteString(`<img src="` + html.EscapeString(rel(src)) + `" alt="` + html.EscapeString(alt) + `"`)
		if title != "" {
			b.WriteString(` title="` + html.EscapeString(title) + `"`)
		}
		if !o.lead {
			b.WriteString(` loading="lazy" decoding="async"`)
		}
		b.WriteString(">")
		return b.String()
	}
	sizes, candidates := columnSizes, pic.Sizes
	if o.thumb {
		sizes, candidates = thumbSizes, thumbCandidates(pic.Sizes)
	}
	// One builder, sized once: a list page shows 50 of these, and a
	// build of a photo archive makes one per article twice over.
	b.Grow(160 + len(alt) + len(title) + 3*len(candidates)*(len(pic.Sizes[0].WebP)+16))
	var num [20]byte
	writeInt := func(n int) { b.Write(strconv.AppendInt(num[:0], int64(n), 10)) }
	srcset := func(webp bool) {
		first := true
		for _, z := range candidates {
			u := z.Fallback
			if webp {
				u = z.WebP
			}
			if u == "" {
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			b.WriteString(html.EscapeString(rel(u)))
			b.WriteByte(' ')
			writeInt(z.Width)
			b.WriteByte('w')
		}
	}
	// The img's own src, for browsers without srcset: the widest size
	// with a fallback (a thumbnail's, the smallest).
	fallback := pic.Sizes[0]
	for _, z := range pic.Sizes {
		if z.Fallback != "" && !o.thumb {
			fallback = z
		}
	}
	b.WriteString(`<picture><source type="image/webp" srcset="`)
	srcset(true)
	b.WriteString(`" sizes="`)
	b.WriteString(sizes)
	b.WriteString(`"><img src="`)
	b.WriteString(html.EscapeString(rel(fallback.Fallback)))
	b.WriteByte('"')
	if !o.thumb {
		// A thumbnail's img gives its smallest size alone: only a
		// browser without WebP reads it, and for an 8em slot it picks
		// that size up to 3.75 device pixels per CSS pixel. Every card
		// of every list is shorter by two URLs.
		b.WriteString(` srcset="`)
		srcset(false)
		b.WriteString(`" sizes="`)
		b.WriteString(sizes)
		b.WriteByte('"')
	}
	b.WriteString(` width="`)
	writeInt(pic.Width)
	b.WriteString(`" height="`)
	writeInt(pic.Height)
	b.WriteString(`" alt="`)
	b.WriteString(html.EscapeString(alt))
	b.WriteByte('"')
	if title != "" {
		b.WriteString(` title="`)
		b.WriteString(html.EscapeString(title))
		b.WriteByte('"')
	}
	if o.lead {
		b.WriteString(` fetchpriority="high"`)
	} else {
		b.WriteString(` loading="lazy" decoding="async"`)
	}
	b.WriteString("></picture>")
	return b.String()
}

// withPictures replaces each <img> of body HTML whose src is a processed
// image of the site by its <picture>, keeping its alt and title. The
// body's HTML is the site's own (goldmark's, or raw HTML through the
// sanitizer), so an img tag is <img followed by quoted attributes.
func (d *Data) withPictures(body string) string {
	if len(d.Site.pictures) == 0 || !strings.Contains(body, "<img ") {
		return body
	}
	var b strings.Builder
	rest := body
	for {
		i := strings.Index(rest, "<img ")
		if i < 0 {
			break
		}
		end := strings.IndexByte(rest[i:], '>')
		if end < 0 {
			break
		}
		tag := rest[i : i+end+1]
		attrs := content.TagAttrs(tag)
		src := sourcePath(attrs["src"], d.URL)
		if d.Site.pictures[src] == nil || attrs["srcset"] != "" {
			b.WriteString(rest[:i+end+1])
			rest = rest[i+end+1:]
			continue
		}
		b.WriteString(rest[:i])
		b.WriteString(pictureHTML(d.Site.pictures, d.Rel, src, attrs["alt"], attrs["title"], pictureOptions{}))
		rest = rest[i+end+1:]
	}
	if b.Len() == 0 {
		return body
	}
	b.WriteString(rest)
	return b.String()
}

// sourcePath is the site path of an image's src on the page at pageURL:
// a site path as it is, one relative to the page resolved against its
// folder; "" for an address on another host, a data: URL and the like.
func sourcePath(src, pageURL string) string {
	switch {
	case src == "" || strings.HasPrefix(src, "//") || strings.Contains(src, ":") || strings.ContainsAny(src, "?#"):
		return ""
	case strings.HasPrefix(src, "/"):
		return src
	}
	dir := pageURL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	return path.Clean(dir + src)
}

// picturesKey names the pictures of a list's articles by their content,
// for the keys of the pages that show them as thumbnails.
func picturesKey(pics Pictures, articles []*site.Article) string {
	if len(pics) == 0 {
		return ""
	}
	var b strings.Builder
	for _, a := range articles {
		if p := pics[a.Image]; p != nil {
			// Two writes, not one of a concatenation: a list's 50
			// articles made 50 strings to throw away, on each of a
			// site's thousands of list pages.
			b.WriteByte(0)
			b.WriteString(p.Sizes[0].WebP)
		}
	}
	return b.String()
}

// ImageSources are the site paths of the images an article at pageURL
// shows: its lead image, then those of its text (bodyImages, as
// content.ImageSrcs lists them), each once; one
// written relative to the article (a file of its page bundle) is made a
// site path.
func ImageSources(image string, bodyImages []string, pageURL string) []string {
	var out []string
	add := func(src string) {
		src = sourcePath(src, pageURL)
		if src != "" && !slices.Contains(out, src) {
			out = append(out, src)
		}
	}
	add(image)
	for _, src := range bodyImages {
		add(src)
	}
	return out
}

// shareImage is the site path of the image to give where a page or an
// entry is shared (Open Graph, feeds) and its media type: the widest size
// of a processed image with a fallback, up to 1,200 pixels wide, which
// link previews ask for, in the format every reader takes; else the
// image itself.
func (d *Data) shareImage(src string) (string, string) {
	pic := d.Site.pictures[src]
	if pic == nil || len(pic.Sizes) == 0 {
		return src, mimeOf(src)
	}
	best := pic.Sizes[0]
	for _, z := range pic.Sizes {
		if z.Fallback != "" {
			best = z
		}
	}
	return best.Fallback, pic.Type
}

// ShareImage is shareImage's path, for layouts: {{ $.AbsURL ($.ShareImage
// .Image) }} in Open Graph tags.
func (d *Data) ShareImage(src string) string {
	u, _ := d.shareImage(src)
	return u
}

func mimeOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	case ".avif":
		return "image/avif"
	}
	return ""
}
