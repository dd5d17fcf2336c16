package hugo

// shortcodeFuncs are the template functions a folio shortcode template
// may call: Go's built-in ones and the Hugo-compatible subset folio
// offers. The shortcodes part of issue 14 exports the real list as
// shortcode.Funcs; when both are merged, this list is replaced by it
// (it is the only place the migration names them).
var shortcodeFuncs = map[string]bool{
	// text/template's built-ins.
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true,
	"len": true, "not": true, "or": true, "print": true, "printf": true, "println": true,
	"urlquery": true, "eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
	// Hugo's, as folio offers them.
	"safeHTML": true, "safeHTMLAttr": true, "safeURL": true, "safeCSS": true, "safeJS": true,
	"markdownify": true, "plainify": true, "htmlEscape": true, "htmlUnescape": true,
	"default": true, "cond": true, "dict": true, "isset": true, "in": true,
	"first": true, "last": true, "after": true, "delimit": true, "split": true, "seq": true,
	"replace": true, "lower": true, "upper": true, "title": true, "trim": true,
	"urlize": true, "relURL": true, "absURL": true, "jsonify": true,
	"int": true, "string": true, "float": true, "add": true, "sub": true, "mul": true, "div": true, "mod": true,
	"dateFormat": true, "humanize": true, "chomp": true, "truncate": true, "hasPrefix": true,
	"strings.Contains": true, "strings.HasPrefix": true, "strings.HasSuffix": true,
	"strings.TrimPrefix": true, "strings.TrimSuffix": true, "strings.TrimSpace": true,
	"strings.ToLower": true, "strings.ToUpper": true, "strings.Replace": true, "strings.Split": true,
}
