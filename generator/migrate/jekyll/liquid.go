package jekyll

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// liquid is what converting one file's Liquid needs to know.
type liquid struct {
	// line is the file line of the body's first line.
	line int
	// page is the file's front matter, for {{ page.x }}.
	page map[string]any
	// site is _config.yml, for {{ site.x }}; data the site's data
	// files, for {{ site.data.x }}, read when first asked for.
	site map[string]any
	data func() map[string]any
	// include gives the text of a file of the includes folder, by the
	// name {% include %} gives it; false when there is none.
	include func(name string) (string, bool)
	// ref gives the ref target of a post named as post_url names it
	// ("2015-03-17-title", "blog/2015-03-17-title"), or of a file named
	// as link names it ("_posts/2015-03-17-title.md"); url is set instead
	// for a file that is not an article (a page, an image).
	ref func(name string, byPath bool) (target, url string, ok bool)
}

// note is one piece of Liquid that needs a person.
type note struct {
	line int
	what string
}

// blockTags are Liquid and Nunjucks tags with an end tag, whose whole
// block is set aside when the tag cannot be converted.
var blockTags = map[string]bool{
	"for": true, "if": true, "unless": true, "case": true, "capture": true,
	"tablerow": true, "macro": true, "set": false, "block": true, "call": true,
	"filter": true, "renderTemplate": true, "markdown": true,
}

// convert turns the Liquid of a Markdown body into what folio reads:
// paths, ref shortcodes, fenced code, figures. Code (fenced, or between
// backticks) is left alone, except that {% raw %} tags are unwrapped as
// Jekyll does. What cannot be converted becomes a visible note in the
// text and a note for the report: never Liquid shown as text.
func (l *liquid) convert(body string) (string, []note) {
	c := converter{l: l, src: body}
	c.run()
	return c.out.String(), c.notes
}

type converter struct {
	l     *liquid
	src   string
	i     int
	out   strings.Builder
	notes []note
	fence string // the open fence's marker ("```", "~~~~"), "" outside one
	// vars are the variables {% assign %} set so far.
	vars map[string]any
}

var (
	fenceRe = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	rawRe   = regexp.MustCompile(`\{%-?\s*(?:end)?raw\s*-?%\}`)
)

// lineAt is the file line of byte offset i of the body.
func (c *converter) lineAt(i int) int { return c.l.line + strings.Count(c.src[:i], "\n") }

func (c *converter) run() {
	c.out.Grow(len(c.src))
	lineStart := true
	for c.i < len(c.src) {
		if lineStart {
			lineStart = false
			end := strings.IndexByte(c.src[c.i:], '\n')
			if end < 0 {
				end = len(c.src) - c.i
			}
			line := c.src[c.i : c.i+end]
			if m := fenceRe.FindStringSubmatch(line); m != nil {
				switch {
				case c.fence == "":
					c.fence = m[1]
				case m[1][0] == c.fence[0] && len(m[1]) >= len(c.fence) && strings.TrimSpace(line[len(m[0]):]) == "":
					c.fence = ""
				}
				c.code(c.i, c.i+end)
				continue
			}
			if c.fence != "" {
				c.code(c.i, c.i+end)
				continue
			}
		}
		ch := c.src[c.i]
		switch {
		case ch == '\n':
			c.out.WriteByte(ch)
			c.i++
			lineStart = true
		case ch == '`':
			c.codeSpan()
		case ch == '{' && strings.HasPrefix(c.src[c.i:], "{%"):
			c.tag()
		case ch == '{' && strings.HasPrefix(c.src[c.i:], "{{"):
			c.output()
		default:
			c.out.WriteByte(ch)
			c.i++
		}
	}
}

// code copies src[from:to] as code: raw tags unwrapped, the rest as is.
func (c *converter) code(from, to int) {
	c.out.WriteString(rawRe.ReplaceAllString(c.src[from:to], ""))
	c.i = to
}

// codeSpan copies a run of backticks and the code up to the matching run
// (within the paragraph), or the lone backticks when nothing closes them.
func (c *converter) codeSpan() {
	n := 0
	for c.i+n < len(c.src) && c.src[c.i+n] == '`' {
		n++
	}
	ticks := c.src[c.i : c.i+n]
	rest := c.src[c.i+n:]
	limit := len(rest)
	if p := strings.Index(rest, "\n\n"); p >= 0 {
		limit = p
	}
	for j := 0; j < limit; {
		k := strings.Index(rest[j:limit], ticks)
		if k < 0 {
			break
		}
		k += j
		e := k + n
		if (k == 0 || rest[k-1] != '`') && (e >= len(rest) || rest[e] != '`') {
			c.code(c.i, c.i+n+e)
			return
		}
		for e < limit && rest[e] == '`' {
			e++
		}
		j = e
	}
	c.out.WriteString(ticks)
	c.i += n
}

// tagRe reads a {% tag %}: its name and its markup.
var tagRe = regexp.MustCompile(`^\{%-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*((?s:.*?))\s*-?%\}`)

// endTag finds the end tag of name at or after from, counting nested
// blocks of the same name; it returns the offsets of the end tag.
func (c *converter) endTag(name string, from int) (start, end int, ok bool) {
	open := regexp.MustCompile(`\{%-?\s*(end)?` + regexp.QuoteMeta(name) + `\b[^%]*?-?%\}`)
	depth := 1
	for _, m := range open.FindAllStringSubmatchIndex(c.src[from:], -1) {
		if m[2] >= 0 {
			depth--
		} else if name != "raw" && name != "comment" {
			depth++
		}
		if depth == 0 {
			return from + m[0], from + m[1], true
		}
	}
	return 0, 0, false
}

func (c *converter) tag() {
	m := tagRe.FindStringSubmatchIndex(c.src[c.i:])
	if m == nil {
		// "{%" with no "%}": Jekyll would stop; the text is kept and told.
		c.fail(c.i, "an unclosed {% in the text")
		c.out.WriteString("{\u200b%")
		c.i += 2
		return
	}
	start := c.i
	name := c.src[c.i+m[2] : c.i+m[3]]
	markup := c.src[c.i+m[4] : c.i+m[5]]
	after := c.i + m[1]
	switch name {
	case "raw":
		s, e, ok := c.endTag("raw", after)
		if !ok {
			s, e = len(c.src), len(c.src)
		}
		c.out.WriteString(c.src[after:s])
		c.i = e
	case "comment":
		_, e, ok := c.endTag("comment", after)
		if !ok {
			e = len(c.src)
		}
		c.i = e
	case "highlight":
		c.highlight(start, after, markup)
	case "post_url":
		c.i = after
		c.link(start, strings.TrimSpace(markup), false)
	case "link":
		c.i = after
		c.link(start, strings.TrimSpace(markup), true)
	case "assign":
		c.i = after
		if !c.assign(markup) {
			c.unconverted(start, c.src[start:after])
		}
	case "include", "include_relative", "render":
		c.i = after
		c.include(start, markup)
	case "image", "img", "image_with_class", "figure", "picture":
		c.i = after
		c.imageShortcode(start, name, markup)
	default:
		c.i = after
		if host := videoHost(name); host != "" && c.video(host, markup) {
			return
		}
		if blockTags[name] {
			if _, e, ok := c.endTag(name, after); ok {
				c.i = e
			}
		}
		c.unconverted(start, c.src[start:after])
	}
}

var plainArg = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// videoHost is the host whose videos a tag embeds by its name: youtube,
// and a site's own youtubeEmbed (Eleventy's site has 50), or vimeo; ""
// for another tag.
func videoHost(name string) string {
	switch n := strings.ToLower(name); {
	case strings.Contains(n, "youtube"):
		return "youtube"
	case strings.Contains(n, "vimeo"):
		return "vimeo"
	}
	return ""
}

// video writes the youtube or vimeo shortcode of a tag that embeds one
// video by its id or, for YouTube, its address, and maybe its title
// (Eleventy's site: {% youtubeEmbed "id", "Title" %}); false when the
// tag says more (a start time, a size), which the shortcode would lose.
func (c *converter) video(host, markup string) bool {
	a := parseArgs(markup)
	if len(a.pos) < 1 || len(a.pos) > 2 || len(a.named) > 0 {
		return false
	}
	id := a.pos[0]
	if m := youtubeRe.FindStringSubmatch(id); host == "youtube" && m != nil {
		id = m[1]
	}
	if !plainArg.MatchString(id) {
		return false
	}
	if len(a.pos) == 1 {
		fmt.Fprintf(&c.out, "{{< %s %s >}}", host, id)
		return true
	}
	if strings.ContainsAny(a.pos[1], "\n\r") {
		return false
	}
	// Named, both: a shortcode takes one kind of argument.
	fmt.Fprintf(&c.out, `{{< %s id="%s" title="%s" >}}`, host, id, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(a.pos[1]))
	return true
}

// highlight turns {% highlight lang %}…{% endhighlight %} into a fenced
// code block.
func (c *converter) highlight(start, after int, markup string) {
	s, e, ok := c.endTag("highlight", after)
	if !ok {
		c.i = after
		c.unconverted(start, c.src[start:after])
		return
	}
	lang := ""
	if f := strings.Fields(markup); len(f) > 0 && plainArg.MatchString(f[0]) {
		lang = f[0]
	}
	code := rawRe.ReplaceAllString(c.src[after:s], "")
	code = strings.TrimPrefix(strings.TrimPrefix(code, "\r"), "\n")
	code = strings.TrimRight(code, " \t\r\n")
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	if o := c.out.String(); o != "" && !strings.HasSuffix(o, "\n") {
		c.out.WriteByte('\n')
	}
	c.out.WriteString(fence + lang + "\n" + code + "\n" + fence)
	c.i = e
	if c.i < len(c.src) && c.src[c.i] != '\n' && c.src[c.i] != '\r' {
		c.out.WriteByte('\n')
	}
}

// link converts post_url and link.
func (c *converter) link(start int, name string, byPath bool) {
	name = unquote(name)
	target, url, ok := "", "", false
	if c.l.ref != nil && name != "" {
		target, url, ok = c.l.ref(name, byPath)
	}
	switch {
	case !ok:
		c.fail(start, fmt.Sprintf("%s names %s, which is not in the site", map[bool]string{true: "link", false: "post_url"}[byPath], clean(name)))
		c.out.WriteString(noteText("link to " + name + " not found"))
	case target != "":
		fmt.Fprintf(&c.out, `{{< ref %q >}}`, target)
	default:
		c.out.WriteString(url)
	}
}

// includeParam is an include's output of one of its parameters.
var includeParam = regexp.MustCompile(`\{\{-?\s*include\.([A-Za-z_][\w-]*)\s*-?\}\}`)

// staticInclude is what {% include name %} puts in the page when the
// file holds no Liquid but its parameters' values ({{ include.x }}, given
// as params, or empty): a notice every FAQ page of Ruby's site includes,
// 170 times. An HTML file loses its blank lines, which would end the
// HTML block in folio's Markdown, where kramdown read it whole (unless
// it has preformatted text). false for a file with other Liquid.
func staticInclude(name, text string, params map[string]string) (string, bool) {
	out := includeParam.ReplaceAllStringFunc(text, func(m string) string {
		return params[includeParam.FindStringSubmatch(m)[1]]
	})
	if strings.Contains(out, "{{") || strings.Contains(out, "{%") {
		return "", false
	}
	ext := strings.ToLower(path.Ext(name))
	if (ext == ".html" || ext == ".htm") && !strings.Contains(out, "<pre") && !strings.Contains(out, "<textarea") {
		var kept []string
		for _, line := range strings.Split(out, "\n") {
			if strings.TrimSpace(line) != "" {
				kept = append(kept, line)
			}
		}
		out = strings.Join(kept, "\n")
	}
	return strings.TrimRight(out, "\n"), true
}

// args are the arguments of a tag: positional values and named ones.
type args struct {
	pos   []string
	named map[string]string
	order []string
}

// argRe reads one argument: key=value, key: value, or a value; values are
// quoted strings or bare words.
var argRe = regexp.MustCompile(`^\s*,?\s*(?:([A-Za-z_][\w-]*)\s*[=:]\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,]+)`)

func parseArgs(markup string) args {
	a := args{named: map[string]string{}}
	for rest := markup; strings.TrimSpace(rest) != ""; {
		m := argRe.FindStringSubmatch(rest)
		if m == nil {
			break
		}
		rest = rest[len(m[0]):]
		if m[1] != "" {
			a.named[m[1]] = unquote(m[2])
			a.order = append(a.order, m[1])
		} else {
			a.pos = append(a.pos, unquote(m[2]))
		}
	}
	return a
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
		s = strings.NewReplacer(`\"`, `"`, `\'`, `'`, `\\`, `\`).Replace(s)
	}
	return s
}

// figureRe recognises an include that shows an image by its name.
var figureRe = regexp.MustCompile(`(?i)image|figure|img|photo|picture`)

// include turns an include of an image into a figure; any other include
// is told.
func (c *converter) include(start int, markup string) {
	a := parseArgs(markup)
	if len(a.pos) == 0 || !figureRe.MatchString(path.Base(a.pos[0])) {
		if len(a.pos) == 1 && c.l.include != nil {
			if text, ok := c.l.include(a.pos[0]); ok {
				if out, ok := staticInclude(a.pos[0], text, a.named); ok {
					c.out.WriteString(out)
					return
				}
			}
		}
		c.unconverted(start, c.src[start:c.i])
		return
	}
	pick := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := a.named[k]; ok {
				return v
			}
		}
		return ""
	}
	src := pick("src", "image", "img", "file", "path", "url")
	link := ""
	if src != a.named["url"] {
		link = pick("url", "href", "link")
	}
	f := figure{src: src, alt: pick("alt", "description", "title"), caption: pick("caption"), link: link}
	if f.alt == "" {
		f.alt = f.caption
	}
	if !c.writeFigure(start, f) {
		return
	}
}

// imageShortcode converts Eleventy's image shortcodes:
// {% image "src" "alt" %} and {% image_with_class "src" "class" "alt" %}.
func (c *converter) imageShortcode(start int, name, markup string) {
	a := parseArgs(markup)
	var f figure
	switch {
	case name == "image_with_class" && len(a.pos) == 3:
		f = figure{src: a.pos[0], class: a.pos[1], alt: a.pos[2]}
	case len(a.pos) >= 1 && len(a.pos) <= 2:
		f = figure{src: a.pos[0]}
		if len(a.pos) == 2 {
			f.alt = a.pos[1]
		}
	default:
		f = figure{src: a.named["src"], alt: a.named["alt"], caption: a.named["caption"]}
	}
	c.writeFigure(start, f)
}

type figure struct{ src, alt, caption, link, class string }

// writeFigure writes a figure shortcode, or tells why it cannot.
func (c *converter) writeFigure(start int, f figure) bool {
	if f.src == "" || strings.ContainsAny(f.src, "{}") {
		c.unconverted(start, c.src[start:c.i])
		return false
	}
	src := resolveLiquidPath(f.src)
	if c.inHTMLBlock(start) {
		// Markdown leaves an HTML block as written, shortcodes included:
		// the image is written in HTML, as the tool's helper wrote it.
		if f.link != "" {
			c.out.WriteString(`<a href="` + html.EscapeString(f.link) + `">`)
		}
		c.out.WriteString(`<img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(f.alt) + `"`)
		if f.class != "" {
			c.out.WriteString(` class="` + html.EscapeString(f.class) + `"`)
		}
		c.out.WriteString(">")
		if f.link != "" {
			c.out.WriteString("</a>")
		}
		return true
	}
	c.out.WriteString(`{{< figure src="` + quoteArg(src) + `"`)
	for _, kv := range [][2]string{{"link", f.link}, {"alt", f.alt}, {"caption", f.caption}, {"class", f.class}} {
		if kv[1] != "" {
			c.out.WriteString(" " + kv[0] + `="` + quoteArg(kv[1]) + `"`)
		}
	}
	c.out.WriteString(" >}}")
	return true
}

// inHTMLBlock says whether offset i of the body is inside a Markdown
// HTML block: the block of lines it is in (after the last blank line)
// starts with a tag.
func (c *converter) inHTMLBlock(i int) bool {
	lines := strings.Split(c.src[:i], "\n")
	first := ""
	for j := len(lines) - 1; j >= 0; j-- {
		if strings.TrimSpace(lines[j]) == "" && j != len(lines)-1 {
			break
		}
		first = lines[j]
	}
	first = strings.TrimLeft(first, " ")
	return len(first) > 1 && first[0] == '<' && (first[1] == '/' || first[1] >= 'a' && first[1] <= 'z' || first[1] >= 'A' && first[1] <= 'Z')
}

// resolveLiquidPath makes a site path of an image path written relative
// to the site root, as Eleventy's and Jekyll's image helpers take them.
func resolveLiquidPath(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "/") {
		return p
	}
	return "/" + strings.TrimPrefix(p, "./")
}

// quoteArg escapes a shortcode argument for a double-quoted string.
func quoteArg(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s)
}

// outputRe reads {{ expression }}.
var outputRe = regexp.MustCompile(`^\{\{-?((?s:.*?))-?\}\}`)

func (c *converter) output() {
	m := outputRe.FindStringSubmatchIndex(c.src[c.i:])
	if m == nil {
		c.fail(c.i, "an unclosed {{ in the text")
		c.out.WriteString("{\u200b{")
		c.i += 2
		return
	}
	start := c.i
	expr := strings.TrimSpace(c.src[c.i+m[2] : c.i+m[3]])
	c.i += m[1]
	if v, ok := c.eval(expr); ok {
		c.out.WriteString(v)
		return
	}
	// {{ "https://www.youtube.com/embed/ID" | embed: "title" }}: a site's
	// own video filter, given a YouTube address.
	if parts := splitFilters(expr); len(parts) > 1 {
		if m := youtubeRe.FindStringSubmatch(unquote(strings.TrimSpace(parts[0]))); m != nil {
			fmt.Fprintf(&c.out, "{{< youtube %s >}}", m[1])
			return
		}
	}
	c.unconverted(start, c.src[start:c.i])
}

var youtubeRe = regexp.MustCompile(`^https?://(?:www\.)?(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?v=)|youtu\.be/)([A-Za-z0-9_-]{6,})`)

// eval evaluates the simple expressions pages use: a string or a page or
// site variable, through filters that only make URLs or join text.
func (c *converter) eval(expr string) (string, bool) {
	parts := splitFilters(expr)
	v, ok := c.value(strings.TrimSpace(parts[0]))
	if !ok {
		return "", false
	}
	for _, f := range parts[1:] {
		name, arg, _ := strings.Cut(strings.TrimSpace(f), ":")
		name = strings.TrimSpace(name)
		switch name {
		case "relative_url", "absolute_url", "url", "escape", "xml_escape", "strip", "safe", "uri_escape":
		case "prepend", "append":
			a, ok := c.value(strings.TrimSpace(arg))
			if !ok {
				return "", false
			}
			if name == "prepend" {
				v = a + v
			} else {
				v = v + a
			}
		default:
			return "", false
		}
	}
	return v, true
}

// splitFilters splits "x | f: 'a|b' | g" at the pipes outside quotes.
func splitFilters(expr string) []string {
	var parts []string
	var q byte
	last := 0
	for i := 0; i < len(expr); i++ {
		switch ch := expr[i]; {
		case q != 0:
			if ch == q {
				q = 0
			}
		case ch == '"' || ch == '\'':
			q = ch
		case ch == '|':
			parts = append(parts, expr[last:i])
			last = i + 1
		}
	}
	return append(parts, expr[last:])
}

// value is a literal string or a variable: site.baseurl and site.url are
// empty, as the new site's links are paths; other variables (of the
// site, its data, the page, or assigned) are read when they hold text
// or a number.
func (c *converter) value(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	if s == "site.baseurl" || s == "site.url" {
		return "", true
	}
	v, ok := c.lookup(s)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case string:
		if !strings.Contains(v, "{") {
			return v, true
		}
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

// lookup is what a variable's path names: site.x (site.data.x, the data
// files), page.x, or a variable {% assign %} set, and a key of it after
// each dot.
func (c *converter) lookup(p string) (any, bool) {
	keys := strings.Split(p, ".")
	// An index ends a key: stable[0].
	var index []int
	for i, k := range keys {
		index = append(index, -1)
		if open := strings.IndexByte(k, '['); open > 0 && strings.HasSuffix(k, "]") {
			n, err := strconv.Atoi(k[open+1 : len(k)-1])
			if err != nil || n < 0 {
				return nil, false
			}
			keys[i], index[i] = k[:open], n
		}
	}
	at := func(v any, i int) (any, bool) {
		if index[i] < 0 {
			return v, true
		}
		list, ok := v.([]any)
		if !ok || index[i] >= len(list) {
			return nil, false
		}
		return list[index[i]], true
	}
	var cur any
	switch keys[0] {
	case "site":
		if len(keys) > 1 && keys[1] == "data" && c.l.data != nil {
			cur, keys = c.l.data(), keys[2:]
		} else {
			cur, keys = c.l.site, keys[1:]
		}
	case "page":
		cur, keys = c.l.page, keys[1:]
	default:
		v, ok := c.vars[keys[0]]
		if !ok {
			return nil, false
		}
		if cur, ok = at(v, 0); !ok {
			return nil, false
		}
		keys = keys[1:]
	}
	first := len(index) - len(keys)
	for i, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
		if cur, ok = at(cur, first+i); !ok {
			return nil, false
		}
	}
	return cur, true
}

// assign reads {% assign name = value %}, the value a variable's path
// through where and first or last: the way posts take an entry of the
// site's data ({% assign release = site.data.releases | where:
// "version", "3.4.0" | first %}, on every release post of Ruby's site)
// for the {{ release.sha256.gz }} that follow. false when it is none of
// these.
func (c *converter) assign(markup string) bool {
	name, expr, ok := strings.Cut(markup, "=")
	name = strings.TrimSpace(name)
	if !ok || !plainArg.MatchString(name) {
		return false
	}
	parts := splitFilters(strings.TrimSpace(expr))
	v, ok := c.lookup(strings.TrimSpace(parts[0]))
	if !ok {
		s, ok := c.value(strings.TrimSpace(parts[0]))
		if !ok {
			return false
		}
		v = s
	}
	for _, f := range parts[1:] {
		filter, arg, _ := strings.Cut(strings.TrimSpace(f), ":")
		list, isList := v.([]any)
		switch strings.TrimSpace(filter) {
		case "first", "last":
			if !isList || len(list) == 0 {
				return false
			}
			if v = list[0]; strings.TrimSpace(filter) == "last" {
				v = list[len(list)-1]
			}
		case "where":
			args := strings.Split(arg, ",")
			if !isList || len(args) != 2 {
				return false
			}
			key, ok1 := c.value(strings.TrimSpace(args[0]))
			want, ok2 := c.value(strings.TrimSpace(args[1]))
			if !ok1 || !ok2 {
				return false
			}
			var kept []any
			for _, item := range list {
				if m, ok := item.(map[string]any); ok && m[key] != nil && fmt.Sprint(m[key]) == want {
					kept = append(kept, item)
				}
			}
			v = kept
		default:
			return false
		}
	}
	if c.vars == nil {
		c.vars = map[string]any{}
	}
	c.vars[name] = v
	return true
}

// unconverted replaces Liquid that cannot be converted with a visible
// note and tells the report.
func (c *converter) unconverted(start int, text string) {
	c.fail(start, "Liquid not converted: "+clean(text))
	c.out.WriteString(noteText("Liquid not converted"))
}

func (c *converter) fail(at int, what string) {
	c.notes = append(c.notes, note{line: c.lineAt(at), what: what})
}

// noteText is what a reader of the page sees where Liquid was.
func noteText(what string) string { return "**[" + what + ": see MIGRATION.md]**" }

// clean makes text fit for one line of a report: control characters and
// runs of spaces become one space, and it is cut at 100 characters.
func clean(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }), " ")
	if utf8.RuneCountInString(s) > 100 {
		r := []rune(s)
		s = string(r[:99]) + "…"
	}
	return s
}
