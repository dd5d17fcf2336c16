package wpbody

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// codeOpen finds where WordPress leaves shortcodes alone: <pre> and <code>.
var codeOpen = regexp.MustCompile(`(?i)<(pre|code)[\s>]`)

// outsideCode calls fn on each stretch of s outside <pre> and <code>
// elements, with its offset in s, and joins the results with the code
// kept as it is.
func outsideCode(s string, fn func(seg string, off int) string) string {
	var b strings.Builder
	lower := asciiLower(s) // once: lowering the rest at each element is quadratic
	pos := 0
	for pos < len(s) {
		m := codeOpen.FindStringSubmatchIndex(s[pos:])
		if m == nil {
			break
		}
		start := pos + m[0]
		closer := "</" + strings.ToLower(s[pos+m[2]:pos+m[3]]) + ">"
		end := strings.Index(lower[start:], closer)
		if end < 0 {
			end = len(s)
		} else {
			end = start + end + len(closer)
		}
		b.WriteString(fn(s[pos:start], pos))
		b.WriteString(s[start:end])
		pos = end
	}
	b.WriteString(fn(s[pos:], pos))
	return b.String()
}

// asciiLower lowers A-Z only, so that offsets in the result are those
// of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if ch >= 'A' && ch <= 'Z' {
			b[i] = ch + 'a' - 'A'
		}
	}
	return string(b)
}

// shortcodeAttr is WordPress's shortcode_parse_atts: name="v", name='v',
// name=v, "v", 'v' or v.
var shortcodeAttr = regexp.MustCompile(`([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)`)

type shortcode struct {
	name     string
	attrs    map[string]string
	inner    string
	closed   bool // has an inner text and [/name]
	block    bool // alone on its lines
	line     int
	innerOff int // offset of inner in the text the lines count
}

// parseAttrs reads a shortcode's attributes; positional ones are keyed
// "0", "1"…, and named tells how many have a name.
func parseAttrs(s string) (a map[string]string, named int) {
	a = map[string]string{}
	pos := 0
	for _, m := range shortcodeAttr.FindAllStringSubmatch(strings.ReplaceAll(s, "\u00a0", " "), -1) {
		switch {
		case m[1] != "":
			a[strings.ToLower(m[1])] = html.UnescapeString(m[2])
		case m[3] != "":
			a[strings.ToLower(m[3])] = html.UnescapeString(m[4])
		case m[5] != "":
			a[strings.ToLower(m[5])] = html.UnescapeString(m[6])
		default:
			v := m[7] + m[8] + m[9]
			a[strconv.Itoa(pos)] = html.UnescapeString(v)
			pos++
			continue
		}
		named++
	}
	return a, named
}

func isNameByte(ch byte) bool {
	return ch == '_' || ch == '-' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9'
}

// shortcodes replaces WordPress shortcodes outside code by placeholders
// of what they become. ln gives the lines of s.
func (c *conv) shortcodes(s string, ln lines) string {
	s = outsideCode(s, func(seg string, off int) string {
		return c.scanShortcodes(seg, off, ln)
	})
	return outsideCode(s, func(seg string, _ int) string { return c.bareURLs(seg) })
}

// scanShortcodes reads seg as WordPress's get_shortcode_regex does: a
// name, attributes up to "]", "/]" for a self-closing one, and an inner
// text up to the first [/name] when there is one; [[name]] is the
// shortcode's text, written as [name].
func (c *conv) scanShortcodes(seg string, off int, ln lines) string {
	var b strings.Builder
	// closers remembers, per name, where its next [/name] is (-1: none),
	// so that many unclosed shortcodes do not rescan the text.
	closers := map[string]int{}
	i := 0
	for {
		j := strings.IndexByte(seg[i:], '[')
		if j < 0 {
			b.WriteString(seg[i:])
			return b.String()
		}
		j += i
		b.WriteString(seg[i:j])
		escaped := j+1 < len(seg) && seg[j+1] == '['
		st := j
		if escaped {
			st++
		}
		k := st + 1
		for k < len(seg) && isNameByte(seg[k]) {
			k++
		}
		if k == st+1 || !(seg[st+1] >= 'a' && seg[st+1] <= 'z' || seg[st+1] >= 'A' && seg[st+1] <= 'Z') ||
			k >= len(seg) || !(seg[k] == ']' || seg[k] == '/' || seg[k] == ' ' || seg[k] == '\t' || seg[k] == '\n') {
			b.WriteByte('[')
			i = j + 1
			continue
		}
		name := seg[st+1 : k]
		// The attributes end at the first "]" and hold no "[": look only
		// up to the next "[", so that many open brackets stay linear.
		limit := len(seg)
		if nb := strings.IndexByte(seg[k:], '['); nb >= 0 {
			limit = k + nb
		}
		closeAt := strings.IndexByte(seg[k:limit], ']')
		if closeAt < 0 {
			b.WriteByte('[')
			i = j + 1
			continue
		}
		closeAt += k
		attrText := seg[k:closeAt]
		end := closeAt + 1
		sc := shortcode{name: name, line: ln.at(off + j)}
		if strings.HasSuffix(attrText, "/") {
			attrText = attrText[:len(attrText)-1]
		} else {
			closer := "[/" + name + "]"
			at, known := closers[name]
			if !known || (at >= 0 && at < end) {
				at = strings.Index(seg[end:], closer)
				if at >= 0 {
					at += end
				}
				closers[name] = at
			}
			if at >= 0 {
				sc.inner = seg[end:at]
				sc.innerOff = off + end
				sc.closed = true
				end = at + len(closer)
			}
		}
		if escaped {
			if end < len(seg) && seg[end] == ']' {
				b.WriteString(seg[st:end])
				i = end + 1
				continue
			}
			b.WriteByte('[')
			i = j + 1
			continue
		}
		var named int
		sc.attrs, named = parseAttrs(attrText)
		sc.block = aloneOnLine(seg, j, end)
		if !sc.closed && !sc.block && named == 0 && !strings.ContainsAny(name, "_-") && !coreShortcodes[strings.ToLower(name)] {
			// [sic] or [simple boat] in a sentence: WordPress shows an
			// unregistered name as text, and prose in brackets is common
			// in quotes. Its own shortcodes ([gallery] and the like) it
			// ran wherever they stood.
			c.note(sc.line, "[%s] kept as text: a shortcode of that name would need a person", name)
			b.WriteByte('[')
			i = j + 1
			continue
		}
		out, isBlock, known := c.shortcode(sc)
		if !known {
			c.note(sc.line, "shortcode [%s] has no folio equivalent; removed", name)
			if sc.closed {
				// The inner text is what readers saw: it stays, its own
				// shortcodes read in turn.
				b.WriteString(c.scanShortcodes(sc.inner, sc.innerOff, ln))
			}
		} else if out != "" {
			tok := c.placeholder(out)
			// A figure or player is a block even where a sentence ran
			// into it: it ends the paragraph, as a <p> cannot hold it.
			if isBlock {
				tok = "\n<p>" + tok + "</p>\n"
			}
			b.WriteString(tok)
		}
		i = end
	}
}

// coreShortcodes are the shortcodes WordPress itself registers.
var coreShortcodes = map[string]bool{"caption": true, "wp_caption": true, "gallery": true, "embed": true, "audio": true, "video": true, "playlist": true}

// aloneOnLine tells whether only spaces stand between seg[j:end] and
// the line breaks around it, looking no further than the first other
// character, so that a long line of shortcodes stays linear.
func aloneOnLine(seg string, j, end int) bool {
	for i := j - 1; i >= 0 && seg[i] != '\n'; i-- {
		if seg[i] != ' ' && seg[i] != '\t' && seg[i] != '\r' {
			return false
		}
	}
	for i := end; i < len(seg) && seg[i] != '\n'; i++ {
		if seg[i] != ' ' && seg[i] != '\t' && seg[i] != '\r' {
			return false
		}
	}
	return true
}

// shortcode gives what one WordPress shortcode becomes, whether that is
// a block of its own, and whether folio knows the shortcode.
func (c *conv) shortcode(sc shortcode) (out string, block, known bool) {
	switch strings.ToLower(sc.name) {
	case "caption", "wp_caption":
		return c.caption(sc), true, true
	case "gallery":
		return c.gallery(sc), true, true
	case "embed":
		return c.embed(strings.TrimSpace(html.UnescapeString(sc.inner))), true, true
	case "audio", "video":
		return c.media(sc), true, true
	}
	return "", false, false
}

var captionImg = regexp.MustCompile(`(?is)^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$`)

func (c *conv) caption(sc shortcode) string {
	m := captionImg.FindStringSubmatch(sc.inner)
	src, alt, link, capHTML := "", "", "", sc.attrs["caption"]
	if m != nil {
		src, alt, link = imgOf(m[1])
		if capHTML == "" {
			capHTML = m[2]
		}
	} else if capHTML == "" {
		capHTML = sc.inner
	}
	if src == "" && c.opts.Attachment != nil {
		if u, a, capt, ok := c.opts.Attachment(strings.TrimPrefix(sc.attrs["id"], "attachment_")); ok {
			src, alt = u, a
			if strings.TrimSpace(capHTML) == "" {
				capHTML = capt
			}
		}
	}
	if src == "" {
		c.note(sc.line, "[caption] without an image; removed")
		return ""
	}
	return figure(c.url(src), alt, c.inlineMarkdown(capHTML), c.url(link))
}

// imgOf reads an <img> (maybe in an <a>) for its src, alt and link.
func imgOf(frag string) (src, alt, link string) {
	nodes, err := nethtml.ParseFragment(strings.NewReader(frag), &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "", "", ""
	}
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode {
			switch n.Data {
			case "a":
				link = attr(n, "href")
			case "img":
				src, alt = attr(n, "src"), attr(n, "alt")
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return src, alt, link
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (c *conv) gallery(sc shortcode) string {
	ids := sc.attrs["ids"]
	if ids == "" {
		ids = sc.attrs["include"]
	}
	if ids == "" && c.opts.Attached != nil {
		ids = strings.Join(c.opts.Attached(), ",")
	}
	if ids == "" {
		c.note(sc.line, "[gallery] without ids, of the post's attached images, which the export does not list; removed")
		return ""
	}
	var figs, missing []string
	for _, id := range strings.Split(ids, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		var u, alt, capt string
		ok := false
		if c.opts.Attachment != nil {
			u, alt, capt, ok = c.opts.Attachment(id)
		}
		if !ok {
			missing = append(missing, id)
			continue
		}
		figs = append(figs, figure(c.url(u), alt, c.inlineMarkdown(capt), ""))
	}
	if len(missing) > 0 {
		c.note(sc.line, "[gallery] names attachments the export lacks (%s); left out", strings.Join(missing, ", "))
	}
	return strings.Join(figs, "\n\n")
}

// figure writes folio's figure shortcode.
func figure(src, alt, caption, link string) string {
	var b strings.Builder
	b.WriteString("{{< figure src=" + quote(src))
	if alt != "" {
		b.WriteString(" alt=" + quote(alt))
	}
	if caption != "" {
		b.WriteString(" caption=" + quote(caption))
	}
	if link != "" {
		b.WriteString(" link=" + quote(link))
	}
	b.WriteString(" >}}")
	return b.String()
}

// quote writes a shortcode argument. Hugo's syntax has no escape in
// "…", so a value with double quotes goes in backquotes, taken as
// written; one with both gets typographic quotes.
func quote(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if !strings.Contains(v, `"`) {
		return `"` + v + `"`
	}
	if !strings.Contains(v, "`") {
		return "`" + v + "`"
	}
	return `"` + strings.ReplaceAll(v, `"`, "\u201d") + `"`
}

var vimeoID = regexp.MustCompile(`^/(?:video/)?(\d+)`)

// videoOf finds a YouTube or Vimeo video in an address.
func videoOf(raw string) (kind, id string) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	host = strings.TrimPrefix(host, "m.")
	ok := func(id string) bool {
		if id == "" || len(id) > 64 {
			return false
		}
		for i := 0; i < len(id); i++ {
			if !isNameByte(id[i]) {
				return false
			}
		}
		return true
	}
	switch host {
	case "youtube.com", "youtube-nocookie.com":
		id := u.Query().Get("v")
		if id == "" {
			for _, p := range []string{"/embed/", "/shorts/", "/v/", "/live/"} {
				if strings.HasPrefix(u.Path, p) {
					id = strings.Trim(strings.TrimPrefix(u.Path, p), "/")
				}
			}
		}
		if ok(id) {
			return "youtube", id
		}
	case "youtu.be":
		if id := strings.Trim(u.Path, "/"); ok(id) {
			return "youtube", id
		}
	case "vimeo.com", "player.vimeo.com":
		if m := vimeoID.FindStringSubmatch(u.Path); m != nil {
			return "vimeo", m[1]
		}
	}
	return "", ""
}

func (c *conv) embed(u string) string {
	if u == "" {
		return ""
	}
	if kind, id := videoOf(u); kind != "" {
		return "{{< " + kind + " " + id + " >}}"
	}
	u = c.url(u)
	return "[" + escapeLinkText(u) + "](<" + u + ">)"
}

func escapeLinkText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`", "<", `\<`)
	return r.Replace(s)
}

// bareURLs is WordPress's autoembed: an address alone on its line. A
// line is one when it matches
//
//	(?m)^([ \t]*)(?:<p>)?(https?://[^\s<>"]+)(?:</p>)?[ \t]*$
//
// read here by hand: that expression, tried at every line of every post,
// was a tenth of a migration's time.
func (c *conv) bareURLs(seg string) string {
	var b strings.Builder
	last := 0
	for ls := 0; ls <= len(seg); {
		le := strings.IndexByte(seg[ls:], '\n')
		if le < 0 {
			le = len(seg)
		} else {
			le += ls
		}
		if u, ok := bareURLLine(seg[ls:le]); ok {
			if last == 0 {
				b.Grow(len(seg))
			}
			b.WriteString(seg[last:ls])
			b.WriteString("<p>" + c.placeholder(c.embed(html.UnescapeString(u))) + "</p>")
			last = le
		}
		ls = le + 1
	}
	if last == 0 {
		return seg
	}
	b.WriteString(seg[last:])
	return b.String()
}

// bareURLLine gives the address of a line that is only one (in <p>,
// between spaces and tabs).
func bareURLLine(line string) (string, bool) {
	k := 0
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	if strings.HasPrefix(line[k:], "<p>") {
		k += 3
	}
	start := k
	if !strings.HasPrefix(line[k:], "http") {
		return "", false
	}
	k += 4
	if k < len(line) && line[k] == 's' {
		k++
	}
	if !strings.HasPrefix(line[k:], "://") {
		return "", false
	}
	k += 3
	run := k
	for k < len(line) && !isSpace(line[k]) && line[k] != '<' && line[k] != '>' && line[k] != '"' {
		k++
	}
	if k == run {
		return "", false
	}
	end := k
	if strings.HasPrefix(line[k:], "</p>") {
		k += 4
	}
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	if k != len(line) {
		return "", false
	}
	return line[start:end], true
}

var mediaTypes = map[string]string{
	"mp3": "audio/mpeg", "ogg": "audio/ogg", "oga": "audio/ogg", "m4a": "audio/mp4", "wav": "audio/wav", "flac": "audio/flac", "wma": "audio/x-ms-wma",
	"mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm", "ogv": "video/ogg", "mov": "video/quicktime", "wmv": "video/x-ms-wmv", "flv": "video/x-flv",
}

// media writes [audio] and [video] as HTML5 elements: WordPress takes the
// file from src or from an attribute named by its extension (mp3=, mp4=).
func (c *conv) media(sc shortcode) string {
	kind := strings.ToLower(sc.name)
	exts := []string{"mp3", "ogg", "oga", "m4a", "wav", "flac", "wma"}
	if kind == "video" {
		exts = []string{"mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv"}
	}
	var srcs []string
	if s := sc.attrs["src"]; s != "" {
		srcs = append(srcs, s)
	}
	if s := sc.attrs["0"]; strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/") {
		srcs = append(srcs, s) // [audio https://…/a.mp3]
	}
	for _, e := range exts {
		if s := sc.attrs[e]; s != "" {
			srcs = append(srcs, s)
		}
	}
	if len(srcs) == 0 {
		c.note(sc.line, "[%s] without a file; removed", kind)
		return ""
	}
	var b strings.Builder
	b.WriteString("<" + kind + " controls")
	for _, a := range []string{"poster", "width", "height"} {
		if v := sc.attrs[a]; v != "" && kind == "video" {
			if a == "poster" {
				v = c.url(v)
			}
			b.WriteString(" " + a + `="` + html.EscapeString(v) + `"`)
		}
	}
	if sc.attrs["loop"] == "on" || sc.attrs["loop"] == "1" {
		b.WriteString(" loop")
	}
	b.WriteString(` preload="metadata">`)
	seen := map[string]bool{}
	for _, s := range srcs {
		if seen[s] {
			continue
		}
		seen[s] = true
		b.WriteString(`<source src="` + html.EscapeString(c.url(s)) + `"`)
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(strings.SplitN(s, "?", 2)[0]), "."))
		if t := mediaTypes[ext]; t != "" {
			b.WriteString(` type="` + t + `"`)
		}
		b.WriteString(">")
	}
	b.WriteString(`<a href="` + html.EscapeString(c.url(srcs[0])) + `">` + html.EscapeString(path.Base(strings.SplitN(srcs[0], "?", 2)[0])) + "</a>")
	b.WriteString("</" + kind + ">")
	return b.String()
}
