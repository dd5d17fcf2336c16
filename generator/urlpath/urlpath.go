// Package urlpath checks the URL paths site owners write in front matter:
// an article's explicit slug, its full url, and the old paths (aliases)
// that redirect to it. They are taken as written, the way Hugo takes
// them, so that a migrated archive keeps its addresses; they are refused
// only when they could not be written as a page of this site, or would
// lead elsewhere, and the error says why.
//
// Paths are kept decoded (a space is a space, é is é): they name the
// files written. Outputs that need URLs escape them (Escape).
package urlpath

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSegment is the longest segment a path may have, in bytes: the
// longest file name common file systems take.
const MaxSegment = 255

// Slug returns an explicit slug as the path segment it makes, as Hugo
// does by default: letters (of any script), digits and . _ ~ - @ are
// kept, lower-cased; runs of spaces and a + become one hyphen; a %XX
// escape is decoded; other punctuation (?!,:;&'"()…) is dropped. It is
// never shortened. It is refused when it holds a path separator, a #, a
// bad % escape or a control character, or leaves nothing, "." or "..".
func Slug(s string) (string, error) {
	if err := control(s); err != nil {
		return "", err
	}
	switch {
	case strings.ContainsAny(s, "/\\"):
		return "", errors.New("holds a / or \\, which would split it into folders: a slug is one segment of the URL (to give the whole path, use url:)")
	case strings.Contains(s, "#"):
		return "", errors.New("holds a #, which would end the URL's path: browsers take what follows for a place in the page")
	}
	if strings.Contains(s, "%") {
		d, err := url.PathUnescape(s)
		if err != nil {
			return "", errors.New("holds a % that does not start an escape such as %20: write the character itself")
		}
		if strings.ContainsAny(d, "/\\#") || control(d) != nil {
			return "", errors.New("holds an escape (%2F, %23, %00…) of a character a slug cannot have")
		}
		s = d
	}
	var b strings.Builder
	b.Grow(len(s))
	hyphen, lastHyphen := false, false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("._~-@", r):
			if hyphen && !lastHyphen && r != '-' {
				b.WriteByte('-')
			}
			hyphen, lastHyphen = false, r == '-'
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '+':
			// Hugo turns spaces into hyphens, and a + too since 0.1xx.
			hyphen = b.Len() > 0
		}
	}
	out := b.String()
	switch {
	case out == "":
		return "", errors.New("has no letters or digits to make a URL from")
	case out == "." || out == "..":
		return "", fmt.Errorf("would be the path segment %q, which means this folder or the one above it", out)
	case len(out) > MaxSegment:
		return "", fmt.Errorf("is %d bytes long: a folder name can have at most %d", len(out), MaxSegment)
	}
	return out, nil
}

// Page checks an article's full path, url: in its front matter, and
// returns it as a page URL: /news/2015/06/foo/, or a file ending in
// .html. Like Hugo, it keeps case and spaces as written, and a path that
// ends in neither / nor .html is a folder (/news/foo → /news/foo/).
func Page(s string) (string, error) {
	p, err := clean(s)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(p, "/") {
		return "", errors.New("must start with /: write the whole path from the site's root, such as /news/2015/06/some-title/")
	}
	if p == "/" {
		return "", errors.New("is the home page's path")
	}
	return PageURL(p), nil
}

// Target checks the path a redirect leads to and returns it: a page URL
// as Page makes one, or, when its last segment names a file by an
// extension (/index.xml, /files/report.pdf), that file's path as written,
// so that an old feed or document address can lead to the new one.
func Target(s string) (string, error) {
	p, err := Page(s)
	if err != nil || strings.HasSuffix(p, ".html/") {
		return p, err
	}
	last := strings.TrimSuffix(p, "/")
	last = last[strings.LastIndexByte(last, '/')+1:]
	if i := strings.LastIndexByte(last, '.'); i > 0 && i < len(last)-1 && !strings.HasSuffix(s, "/") && isExt(last[i+1:]) {
		return strings.TrimSuffix(p, "/"), nil
	}
	return p, nil
}

// isExt tells what Target takes for a file name's extension: up to five
// ASCII letters and digits, starting with a letter, so that a version's
// number (/v1.2) stays a folder.
func isExt(e string) bool {
	if len(e) > 5 || e[0] < 'A' || e[0] > 'z' || (e[0] > 'Z' && e[0] < 'a') {
		return false
	}
	for _, c := range []byte(e) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Alias checks an old path that redirects to a page, and returns it
// cleaned: site-relative (/2015/06/old-title/, /old.html), or relative to
// the page's folder (old-title), as Hugo reads aliases; ResolveAlias
// makes the latter whole.
func Alias(s string) (string, error) {
	p, err := clean(s)
	if err != nil {
		return "", err
	}
	if p == "/" {
		return "", errors.New("is the home page's path: a redirect there would hide the home page")
	}
	return p, nil
}

// OldAddress checks an old address that redirects to a page: a path, as
// Alias takes it, or a whole path and one query pair (/?p=12,
// /index.php?page_id=7), which no static file can be: the host's
// redirect file and a script on the page at the path answer it. It
// returns the address cleaned; SplitQuery parts it.
func OldAddress(s string) (string, error) {
	path, query, ok := strings.Cut(s, "?")
	if !ok {
		return Alias(s)
	}
	if !strings.HasPrefix(path, "/") {
		return "", errors.New("has a query, so it must be a whole path from the site's root, such as /?p=12")
	}
	if !QueryPair(query) {
		return "", errors.New("takes one name=value of letters, digits, - and _ after the ?, such as /?p=12")
	}
	if path == "/" {
		return path + "?" + query, nil
	}
	p, err := Alias(path)
	if err != nil {
		return "", err
	}
	return p + "?" + query, nil
}

// SplitQuery parts an address OldAddress returned into its path and its
// query ("" when it has none).
func SplitQuery(addr string) (path, query string) {
	path, query, _ = strings.Cut(addr, "?")
	return path, query
}

// QueryPair tells a query of one name=value, both of letters, digits, -
// and _: what a host's redirect file can match.
func QueryPair(q string) bool {
	name, value, ok := strings.Cut(q, "=")
	return ok && queryWord(name) && queryWord(value)
}

func queryWord(s string) bool {
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// ResolveAlias makes an alias whole: one without a leading / is relative
// to the folder of the page at pageURL, as in Hugo.
func ResolveAlias(alias, pageURL string) string {
	if strings.HasPrefix(alias, "/") {
		return alias
	}
	dir := pageURL[:strings.LastIndexByte(strings.TrimSuffix(pageURL, "/"), '/')+1]
	return dir + alias
}

// PageURL is the URL of the page a path is written as: a path ending in
// / or .html is its own; any other is a folder, as Hugo writes aliases
// (/old.php → /old.php/index.html).
func PageURL(p string) string {
	if strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html") {
		return p
	}
	return p + "/"
}

// File is the output file of a page URL, relative to the output folder.
func File(pageURL string) string {
	if strings.HasSuffix(pageURL, "/") {
		return strings.TrimPrefix(pageURL, "/") + "index.html"
	}
	return strings.TrimPrefix(pageURL, "/")
}

// Escape writes a path as a URL path: é, spaces and other characters a
// URL cannot hold as they are become %XX escapes. A path that needs none,
// nearly all, is returned as it is.
func Escape(p string) string {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`"%<>\^`+"`{|}", c) >= 0 {
			return (&url.URL{Path: p}).EscapedPath()
		}
	}
	return p
}

// clean checks what paths (url:, aliases) have in common, and decodes
// %XX escapes.
func clean(s string) (string, error) {
	if s == "" {
		return "", errors.New("is empty")
	}
	if err := control(s); err != nil {
		return "", err
	}
	if u, err := url.Parse(s); err == nil && u.Scheme != "" || strings.HasPrefix(s, "//") {
		return "", errors.New("is an address on a host, not a path: write the path from the site's root, such as /news/some-title/")
	}
	switch {
	case strings.Contains(s, "\\"):
		return "", errors.New("holds a \\: separate folders with /")
	case strings.ContainsAny(s, "?#"):
		return "", errors.New("holds a ? or #, which end a URL's path: a page cannot be written at a query or a place in a page")
	}
	if strings.Contains(s, "%") {
		d, err := url.PathUnescape(s)
		if err != nil {
			return "", errors.New("holds a % that does not start an escape such as %20: write the character itself")
		}
		if strings.Count(d, "/") != strings.Count(s, "/") || strings.ContainsAny(d, "\\?#") || control(d) != nil {
			return "", errors.New("holds an escape (%2F, %3F, %00…) of a character a path cannot have")
		}
		s = d
	}
	trimmed := strings.TrimPrefix(strings.TrimSuffix(s, "/"), "/")
	for _, seg := range strings.Split(trimmed, "/") {
		switch seg {
		case "":
			if trimmed != "" {
				return "", errors.New("has an empty segment (//)")
			}
		case ".", "..":
			return "", errors.New("has a . or .. segment, which would lead out of the folder it names: write the path without it")
		}
		if len(seg) > MaxSegment {
			return "", fmt.Errorf("has a segment of %d bytes: a file or folder name can have at most %d", len(seg), MaxSegment)
		}
	}
	return s, nil
}

// control reports a control character, which front matter reading has
// already replaced with U+FFFD.
func control(s string) error {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError }) >= 0 {
		return errors.New("holds a control character: remove it")
	}
	return nil
}
