package jekyll

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Jekyll's named permalink styles, as Jekyll 4 expands them for posts.
var styles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// expandStyle turns a style name into its pattern; a pattern is kept.
// Jekyll's default, when _config.yml says nothing, is "date".
func expandStyle(p string) string {
	if p == "" {
		p = "date"
	}
	if s, ok := styles[p]; ok {
		return s
	}
	return p
}

// doc is what Jekyll's URL placeholders are made of.
type doc struct {
	Date       time.Time // in the site's time zone
	Slug       string    // the file name's slug (date and extension removed), or front matter slug
	Categories []string
	Collection string
	Path       string // the file's path within its collection, without extension
	Ext        string // the output extension: ".html"
}

// placeholder matches one :name of a permalink pattern.
var placeholder = regexp.MustCompile(`:[a-z_]+`)

// jekyllURL is the URL Jekyll gives d under pattern (a style name or a
// pattern), as Jekyll's URL drop does: placeholders replaced, doubled
// slashes collapsed. The result is not percent-encoded: it is the path of
// the file Jekyll wrote.
func jekyllURL(pattern string, d doc) string {
	pattern = expandStyle(pattern)
	out := placeholder.ReplaceAllStringFunc(pattern, func(v string) string {
		switch v {
		case ":year":
			return strconv.Itoa(d.Date.Year())
		case ":short_year":
			return fmt.Sprintf("%02d", d.Date.Year()%100)
		case ":month":
			return fmt.Sprintf("%02d", int(d.Date.Month()))
		case ":i_month":
			return strconv.Itoa(int(d.Date.Month()))
		case ":short_month":
			return d.Date.Format("Jan")
		case ":long_month":
			return d.Date.Format("January")
		case ":day":
			return fmt.Sprintf("%02d", d.Date.Day())
		case ":i_day":
			return strconv.Itoa(d.Date.Day())
		case ":y_day":
			return fmt.Sprintf("%03d", d.Date.YearDay())
		case ":hour":
			return fmt.Sprintf("%02d", d.Date.Hour())
		case ":minute":
			return fmt.Sprintf("%02d", d.Date.Minute())
		case ":second":
			return fmt.Sprintf("%02d", d.Date.Second())
		case ":week":
			_, w := d.Date.ISOWeek()
			return fmt.Sprintf("%02d", w)
		case ":w_year":
			y, _ := d.Date.ISOWeek()
			return strconv.Itoa(y)
		case ":short_day":
			return d.Date.Format("Mon")
		case ":long_day":
			return d.Date.Format("Monday")
		case ":title":
			return slugify(d.Slug, true)
		case ":slug":
			return slugify(d.Slug, false)
		case ":name":
			return slugify(path.Base(d.Path), false)
		case ":categories":
			return categoryPath(d.Categories)
		case ":collection":
			return d.Collection
		case ":path":
			return d.Path
		case ":output_ext":
			return d.Ext
		}
		return v // Jekyll leaves an unknown placeholder as written
	})
	for strings.Contains(out, "//") {
		out = strings.ReplaceAll(out, "//", "/")
	}
	if !strings.HasPrefix(out, "/") {
		out = "/" + out
	}
	return out
}

// categoryPath joins a post's categories, lower-cased and without
// repeats, as Jekyll's :categories does.
func categoryPath(cats []string) string {
	seen := make(map[string]bool, len(cats))
	var parts []string
	for _, c := range cats {
		c = strings.ToLower(c)
		if c != "" && !seen[c] {
			seen[c] = true
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, "/")
}

// slugify is Jekyll's Utils.slugify: "pretty" mode and cased for :title
// (which keeps ._~!$&'()+,;=@ and letter case), "default" mode for :slug.
func slugify(s string, pretty bool) string {
	keep := func(r rune) bool {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			return true
		}
		return pretty && strings.ContainsRune("._~!$&'()+,;=@", r)
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if keep(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	out := b.String()
	if !pretty {
		out = strings.ToLower(out)
	}
	return out
}

// folioPattern derives folio's article permalink from a Jekyll pattern:
// :title and :slug become :slug, a trailing :output_ext or missing slash
// becomes "/", and :categories is dropped (posts with categories then get
// their own url:). ok is false when the pattern uses what folio's
// patterns cannot say (hours, week days, :i_month…); every post then
// keeps its URL through url:.
func folioPattern(pattern string) (string, bool) {
	p := expandStyle(pattern)
	p = strings.ReplaceAll(p, ":categories", "")
	p = strings.TrimSuffix(p, ":output_ext")
	p = strings.TrimSuffix(p, ".html")
	p = strings.ReplaceAll(p, ":title", ":slug")
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	for _, v := range placeholder.FindAllString(p, -1) {
		switch v {
		case ":year", ":month", ":day", ":slug":
		default:
			return "", false
		}
	}
	lit := placeholder.ReplaceAllString(p, "")
	if !strings.Contains(p, ":slug") || strings.Count(p, ":slug") > 1 || !safePath.MatchString(lit) || strings.Contains(lit, "/./") || strings.Contains(lit, "/../") {
		return "", false
	}
	first := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
	if first == "articles" || first == "page" || first == "archive" {
		// folio's own top-level paths; a pattern there would be refused.
		return "", false
	}
	return p, true
}

var safePath = regexp.MustCompile(`^[A-Za-z0-9/_.-]*$`)

// applyFolio is folio's permalink for a slug and local date, as
// site.compilePermalink computes it.
func applyFolio(pattern, slug string, d time.Time) string {
	r := strings.NewReplacer(":year", strconv.Itoa(d.Year()), ":month", fmt.Sprintf("%02d", int(d.Month())),
		":day", fmt.Sprintf("%02d", d.Day()), ":slug", slug)
	return r.Replace(pattern)
}

// newURL is the folio URL that answers an old one: the same path when it
// ends in a slash; "/x/" for "/x.html" and "/x" (the old address then
// redirects, or is what static hosts serve for the folder). redirect says
// whether the old URL needs a redirect to the new one.
func newURL(old string) (url string, redirect bool) {
	switch {
	case strings.HasSuffix(old, "/"):
		return old, false
	case strings.HasSuffix(old, "/index.html"):
		return strings.TrimSuffix(old, "index.html"), false
	case strings.HasSuffix(old, ".html"), strings.HasSuffix(old, ".htm"):
		return strings.TrimSuffix(strings.TrimSuffix(old, ".html"), ".htm") + "/", true
	case path.Ext(old) != "":
		// /feed.xml, /x.php: not a folder anyone would open.
		return old + "/", true
	}
	return old + "/", false
}
