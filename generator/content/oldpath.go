package content

import (
	"strings"
	"unicode/utf8"
)

// OldPath is a site path a page had before (redirect_from, or a page's
// aliases): the site should answer it with a redirect to the page's
// present URL. Line is where the file lists it, for problems found once
// the whole site is known (two things claiming one path).
type OldPath struct {
	Path string
	Line int
}

// readOldPaths reads a list of old site paths (or one path) under key.
// Each must be a plain path from the site root: a redirect is written as
// a file at that path, so nothing may lead out of the output folder.
func readOldPaths(r *fieldReader, key string) []OldPath {
	v, ok := r.m.fields[key]
	if !ok || v == nil {
		return nil
	}
	var list []any
	switch v := v.(type) {
	case string:
		list = []any{v}
	case []any:
		list = v
	default:
		r.fail(key, "must be a list of old paths of the page such as [/old/path/], not %s", describe(v))
		return nil
	}
	var out []OldPath
	for i, item := range list {
		s, isText := item.(string)
		s = strings.TrimSpace(s)
		if !isText || s == "" {
			r.fail(key, "item %d must be a path such as /old/path/, not %s", i+1, describe(item))
			continue
		}
		if why := unsafePath(s); why != "" {
			r.fail(key, "item %d: %q %s", i+1, s, why)
			continue
		}
		out = append(out, OldPath{Path: s, Line: r.line(key)})
	}
	return out
}

// unsafePath says why s is not a plain site path, or "" when it is one:
// it starts with /, and has no //, . or .. segment, backslash, query,
// fragment or control character.
func unsafePath(s string) string {
	switch {
	case !strings.HasPrefix(s, "/"):
		return "must be a path from the site root, starting with /"
	case strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }) >= 0:
		return "holds a control character"
	case strings.ContainsAny(s, `\?#`):
		return "must be a plain path: no backslash, ? or #"
	}
	for i, seg := range strings.Split(s[1:], "/") {
		last := i == strings.Count(s[1:], "/")
		if seg == "." || seg == ".." || seg == "" && !last {
			return "must be a plain path: no //, . or .. segments"
		}
	}
	return ""
}
