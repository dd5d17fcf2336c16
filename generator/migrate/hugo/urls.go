package hugo

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"folio/generator/content"
	"folio/generator/slug"
)

// otherDates are more of the forms Hugo reads (through spf13/cast), which
// folio does not: they are rewritten in RFC 3339.
var otherDates = []string{
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC,
	"2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04:05 -0700 MST",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "02 Jan 2006",
	"January 2, 2006 15:04", "2006/01/02", "2006-01-02T15:04:05.999999999Z0700",
}

// parseDate reads a date as Hugo does; a date without a zone is in loc,
// the site's time zone. asWritten says folio reads s as it is; when it
// does not, the date is to be written t.Format(time.RFC3339).
func parseDate(s string, loc *time.Location) (t time.Time, asWritten, ok bool) {
	s = strings.TrimSpace(s)
	if t, ok, err := content.ParseDate(s, loc); ok {
		return t, err == nil, err == nil // a date folio refuses is no date to Hugo either
	}
	for _, layout := range otherDates {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// urlize is Hugo's MakePathSanitized: letters, digits, marks and
// . / \ _ # + ~ - @ and %XX escapes are kept, runs of spaces become one
// hyphen, the rest is dropped, and the result is lower-cased (unless the
// site sets disablePathToLower).
func urlize(s string, keepCase bool) string {
	src := []rune(s)
	var b strings.Builder
	prependHyphen, wasHyphen := false, false
	for i, r := range src {
		allowed := strings.ContainsRune("./\\_#+~-@", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2]))
		if allowed {
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					b.WriteByte('-')
				}
				prependHyphen = false
			}
			b.WriteRune(r)
		} else if b.Len() > 0 && !wasHyphen && unicode.IsSpace(r) {
			prependHyphen = true
		}
	}
	if keepCase {
		return b.String()
	}
	return strings.ToLower(b.String())
}

// urlizeSpaced is urlize as Hugo 0.165 has it for term names: each space
// is a hyphen and nothing is collapsed ("Oil & gas" is oil--gas, where
// Hugo 0.111 wrote oil-gas). A site's term pages were written by one or
// the other: a migration redirects from both.
func urlizeSpaced(s string, keepCase bool) string {
	src := []rune(s)
	var b strings.Builder
	for i, r := range src {
		switch {
		case strings.ContainsRune("./\\_#+~-@", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2])):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if keepCase {
		return out
	}
	return strings.ToLower(out)
}

func isHex(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}

// pageInfo is what Hugo builds a page's URL from.
type pageInfo struct {
	// Rel is the content file, relative to the content folder, slash-
	// separated (news/2015/06/a.md, news/b/index.md).
	Rel   string
	Title string
	Slug  string
	URL   string // front matter url
	Date  time.Time
}

// section is the page's top-level section: its first folder.
func (p pageInfo) section() string {
	if i := strings.IndexByte(p.Rel, '/'); i >= 0 {
		return p.Rel[:i]
	}
	return ""
}

// dir is the page's folder and baseName its name: for a bundle
// (x/index.md) the bundle folder's parent and the bundle folder's name.
func (p pageInfo) dirAndBase() (dir, base string) {
	dir, file := path.Split(p.Rel)
	dir = strings.TrimSuffix(dir, "/")
	base = strings.TrimSuffix(file, path.Ext(file))
	if base == "index" && dir != "" {
		dir, base = path.Split(dir)
		dir = strings.TrimSuffix(dir, "/")
	}
	return dir, base
}

// urlRules is the part of the Hugo config URLs depend on.
type urlRules struct {
	Permalinks map[string]string // section -> pattern
	UglyURLs   bool
	// UglySections are the sections uglyURLs names, in its map form
	// (uglyURLs = {post = true}): their pages alone get .html URLs.
	UglySections map[string]bool
	KeepCase     bool // disablePathToLower
}

// ugly reports whether the pages of the section get URLs ending in
// .html rather than in a folder's slash.
func (r urlRules) ugly(section string) bool {
	if ugly, ok := r.UglySections[section]; ok {
		return ugly
	}
	return r.UglyURLs
}

// rooted is a page's url as Hugo reads it: one written without its
// leading slash (url: about) is from the site's root.
func rooted(u string) string {
	if !strings.HasPrefix(u, "/") && !strings.Contains(u, "://") {
		return "/" + u
	}
	return u
}

// hugoURL is the URL Hugo gives a regular page: its url, or its section's
// permalink pattern, or its path under the content folder.
func (r urlRules) hugoURL(p pageInfo) string {
	if p.URL != "" {
		return rooted(p.URL)
	}
	dir, base := p.dirAndBase()
	if p.Slug != "" {
		base = p.Slug
	}
	if pattern, ok := r.Permalinks[p.section()]; ok && pattern != "" {
		return r.expand(pattern, p)
	}
	out := "/" + urlize(path.Join(dir, base), r.KeepCase)
	if r.ugly(p.section()) {
		return out + ".html"
	}
	return out + "/"
}

var token = regexp.MustCompile(`:[a-z_]+(?:\[[0-9:]*\])?`)

// expand fills a Hugo permalink pattern for p.
func (r urlRules) expand(pattern string, p pageInfo) string {
	dir, base := p.dirAndBase()
	d := p.Date
	out := token.ReplaceAllStringFunc(pattern, func(tok string) string {
		switch tok {
		case ":year":
			return strconv.Itoa(d.Year())
		case ":month":
			return fmt.Sprintf("%02d", int(d.Month()))
		case ":monthname":
			return strings.ToLower(d.Month().String())
		case ":day":
			return fmt.Sprintf("%02d", d.Day())
		case ":weekday":
			return strconv.Itoa(int(d.Weekday()))
		case ":weekdayname":
			return strings.ToLower(d.Weekday().String())
		case ":yearday":
			return strconv.Itoa(d.YearDay())
		case ":section":
			return p.section()
		case ":sections":
			return dir
		case ":title":
			return urlize(p.Title, r.KeepCase)
		case ":slug":
			if p.Slug != "" {
				return urlize(p.Slug, r.KeepCase)
			}
			return urlize(p.Title, r.KeepCase)
		case ":filename", ":contentbasename":
			return urlize(base, r.KeepCase)
		case ":slugorfilename", ":slugorcontentbasename":
			if p.Slug != "" {
				return urlize(p.Slug, r.KeepCase)
			}
			return urlize(base, r.KeepCase)
		}
		return tok
	})
	if !strings.HasPrefix(out, "/") {
		out = "/" + out
	}
	// A token with nothing to give (:slug of a page without slug nor
	// title) leaves an empty segment, which Hugo's output folds away,
	// as folio requires.
	for strings.Contains(out, "//") {
		out = strings.ReplaceAll(out, "//", "/")
	}
	ugly := r.ugly(p.section())
	if ugly && strings.HasSuffix(out, "/") {
		return strings.TrimSuffix(out, "/") + ".html"
	}
	if !ugly && !strings.HasSuffix(out, "/") && path.Ext(out) == "" {
		out += "/"
	}
	return out
}

// lastSegment is the last segment of a URL path ending in /.
func lastSegment(u string) string {
	u = strings.TrimSuffix(u, "/")
	return u[strings.LastIndexByte(u, '/')+1:]
}

// folioSlug reports whether s is a slug folio keeps as it is, whether
// written in front matter or taken from a file name.
func folioSlug(s string) bool {
	return s != "" && slug.Make(s) == s && !datedName.MatchString(s)
}

// datedName is a file name folio reads a date from (Jekyll's form).
var datedName = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// templatize turns an article's old URL into a folio permalink pattern:
// its last segment becomes :slug and the segments holding its year,
// month and day become :year, :month, :day. ok is false when the URL
// cannot be one of folio's patterns.
func templatize(u string, d time.Time) (pattern string, ok bool) {
	if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || u == "/" {
		return "", false
	}
	segs := strings.Split(strings.Trim(u, "/"), "/")
	if !folioSlug(segs[len(segs)-1]) {
		return "", false
	}
	segs[len(segs)-1] = ":slug"
	year, month, day := strconv.Itoa(d.Year()), fmt.Sprintf("%02d", int(d.Month())), fmt.Sprintf("%02d", d.Day())
	done := map[string]bool{}
	for i, s := range segs[:len(segs)-1] {
		switch {
		case s == year && !done[":year"]:
			segs[i], done[":year"] = ":year", true
		case s == month && done[":year"] && !done[":month"]:
			segs[i], done[":month"] = ":month", true
		case s == day && done[":month"] && !done[":day"]:
			segs[i], done[":day"] = ":day", true
		case !plainSegment(s):
			return "", false
		}
	}
	return "/" + strings.Join(segs, "/") + "/", true
}

// plainSegment is a literal segment folio's permalink check accepts.
func plainSegment(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// folioURL is the URL folio gives an article with the slug and the date
// (already in the site's time zone) under pattern, as its site package
// computes it.
func folioURL(pattern, slug string, d time.Time) string {
	r := strings.NewReplacer(
		":year", strconv.Itoa(d.Year()),
		":month", fmt.Sprintf("%02d", int(d.Month())),
		":day", fmt.Sprintf("%02d", d.Day()),
		":slug", slug)
	return r.Replace(pattern)
}
