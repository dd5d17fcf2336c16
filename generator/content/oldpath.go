package content

// OldPath is a site path a page had before (redirect_from, or a page's
// aliases): the site answers it with a redirect to the page's present
// URL. Line and Field say where the file lists it, for problems found
// once the whole site is known (two things claiming one path).
type OldPath struct {
	Path  string
	Line  int
	Field string
}

// readOldPaths reads a list of old site paths (or one path) under key,
// checked as an article's aliases are (urlpath.OldAddress).
func readOldPaths(r *fieldReader, key string) []OldPath {
	var out []OldPath
	for _, p := range r.paths(key) {
		out = append(out, OldPath{Path: p, Line: r.line(key), Field: key})
	}
	return out
}
