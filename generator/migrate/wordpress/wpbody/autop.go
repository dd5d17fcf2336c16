package wpbody

import (
	"fmt"
	"regexp"
	"strings"
)

// allBlocks are the elements wpautop never wraps in a paragraph
// (wp-includes/formatting.php).
const allBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

var (
	apPre         = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)
	apDoubleBr    = regexp.MustCompile(`(?i)<br\s*/?>\s*<br\s*/?>`)
	apBlockOpen   = regexp.MustCompile(`(?i)(<` + allBlocks + `[\s/>])`)
	apBlockClose  = regexp.MustCompile(`(?i)(</` + allBlocks + `>)`)
	apHr          = regexp.MustCompile(`(?i)(<hr\s*?/?>)`)
	apTag         = regexp.MustCompile(`<[^>]*>`)
	apManyNL      = regexp.MustCompile(`\n\n+`)
	apSplit       = regexp.MustCompile(`\n\s*\n`)
	apEmptyP      = regexp.MustCompile(`<p>\s*</p>`)
	apPInDiv      = regexp.MustCompile(`(?i)<p>([^<]+)</(div|address|form)>`)
	apPLi         = regexp.MustCompile(`(?i)<p>(<li.+?)</p>`)
	apPQuote      = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	apBrVariants  = regexp.MustCompile(`(?i)<br\s*/?>`)
	apNL          = regexp.MustCompile(`\s*\n`)
	apBrBeforeTag = regexp.MustCompile(`(?i)<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	apKeepNL      = regexp.MustCompile(`(?is)<(script|style|svg)[\s>].*?</(?:script|style|svg)>`)
)

// autop is WordPress's wpautop for classic-editor text: a blank line
// ends a paragraph, a single line break is a <br />, text in <pre> and
// block elements are left alone.
func autop(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	s += "\n"
	// A rule whose element the text lacks is skipped: most posts have
	// few kinds of tags, and each rule is a pass over the text.
	low := asciiLower(s)
	has := func(subs ...string) bool {
		for _, sub := range subs {
			if strings.Contains(low, sub) {
				return true
			}
		}
		return false
	}
	var pres []string
	if has("<pre") {
		s = apPre.ReplaceAllStringFunc(s, func(m string) string {
			pres = append(pres, m)
			return fmt.Sprintf("<pre wp-pre-tag-%d></pre>", len(pres)-1)
		})
	}
	if has("<br") {
		s = apDoubleBr.ReplaceAllString(s, "\n\n")
	}
	s = apBlockOpen.ReplaceAllString(s, "\n\n$1")
	s = apBlockClose.ReplaceAllString(s, "$1\n\n")
	if has("<hr") {
		s = apHr.ReplaceAllString(s, "$1\n\n")
	}
	// A line break inside a tag is not the writer's: WordPress keeps it
	// out of the paragraph rules (wp_replace_in_html_tags).
	s = apTag.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "\n", " ") })
	s = apManyNL.ReplaceAllString(s, "\n\n")
	var b strings.Builder
	for _, part := range apSplit.Split(s, -1) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		b.WriteString("<p>" + strings.Trim(part, "\n") + "</p>\n")
	}
	s = b.String()
	s = apEmptyP.ReplaceAllString(s, "")
	if has("</div", "</address", "</form") {
		s = apPInDiv.ReplaceAllString(s, "<p>$1</p></$2>")
	}
	s = dropPAroundBlock(s)
	if has("<li") {
		s = apPLi.ReplaceAllString(s, "$1")
	}
	if has("<blockquote") {
		s = apPQuote.ReplaceAllString(s, "<blockquote$1><p>")
		s = strings.ReplaceAll(s, "</blockquote></p>", "</p></blockquote>")
	}
	s = dropPBeforeBlock(s)
	s = dropAfterBlock(s, "</p>")
	keep := has("<script", "<style", "<svg")
	if keep {
		s = apKeepNL.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "\n", "\x01") })
	}
	if has("<br") {
		s = apBrVariants.ReplaceAllString(s, "<br />")
	}
	s = brLines(s)
	if keep {
		s = strings.ReplaceAll(s, "\x01", "\n")
	}
	s = dropAfterBlock(s, "<br />")
	if strings.Contains(s, "<br />") {
		s = apBrBeforeTag.ReplaceAllString(s, "$1")
	}
	if strings.HasSuffix(s, "\n</p>\n") { // preg_replace("|\n</p>$|", "</p>")
		s = s[:len(s)-len("\n</p>\n")] + "</p>\n"
	}
	for i, p := range pres {
		s = strings.Replace(s, fmt.Sprintf("<pre wp-pre-tag-%d></pre>", i), p, 1)
	}
	return s
}

// brLines is preg_replace('|(?<!<br />)\s*\n|', "<br />\n"): Go's
// regexp has no look-behind.
func brLines(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range apNL.FindAllStringIndex(s, -1) {
		b.WriteString(s[last:m[0]])
		if strings.HasSuffix(s[:m[0]], "<br />") {
			b.WriteString(s[m[0]:m[1]])
		} else {
			b.WriteString("<br />\n")
		}
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// The rules that follow are wpautop's
//
//	<p>\s*(</?BLOCK[^>]*>)\s*</p>  →  $1
//	<p>\s*(</?BLOCK[^>]*>)         →  $1
//	(</?BLOCK[^>]*>)\s*</p>        →  $1
//	(</?BLOCK[^>]*>)\s*<br />      →  $1
//
// written as scans: as regular expressions that start with a tag they
// took most of a post's conversion time.

// blockTagEnd tells whether s starts with a block element's tag (<name
// or </name, the name ending at a space, "/" or ">") and returns the
// offset after the tag's ">".
func blockTagEnd(s string) (int, bool) {
	if len(s) < 2 || s[0] != '<' {
		return 0, false
	}
	i := 1
	if s[i] == '/' {
		i++
	}
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j == i || !isBlockName(asciiLower(s[i:j])) {
		return 0, false
	}
	gt := strings.IndexByte(s[j:], '>')
	if gt < 0 {
		return 0, false
	}
	return j + gt + 1, true
}

var blockNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Split(strings.Trim(allBlocks, "(?:)"), "|") {
		m[n] = true
	}
	for i := '1'; i <= '6'; i++ {
		m["h"+string(i)] = true
	}
	return m
}()

func isBlockName(n string) bool { return blockNames[n] }

func isSpaceByte(ch byte) bool {
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

// dropPAroundBlock: <p> BLOCKTAG </p> → BLOCKTAG.
func dropPAroundBlock(s string) string {
	var b strings.Builder
	last, i := 0, 0
	for {
		k := strings.Index(s[i:], "<p>")
		if k < 0 {
			break
		}
		k += i
		i = k + 3
		t := skipSpace(s, k+3)
		n, ok := blockTagEnd(s[t:])
		if !ok {
			continue
		}
		e := skipSpace(s, t+n)
		if !strings.HasPrefix(s[e:], "</p>") {
			continue
		}
		b.WriteString(s[last:k])
		b.WriteString(s[t : t+n])
		last, i = e+4, e+4
	}
	b.WriteString(s[last:])
	return b.String()
}

// dropPBeforeBlock: <p> BLOCKTAG → BLOCKTAG.
func dropPBeforeBlock(s string) string {
	var b strings.Builder
	last, i := 0, 0
	for {
		k := strings.Index(s[i:], "<p>")
		if k < 0 {
			break
		}
		k += i
		i = k + 3
		t := skipSpace(s, k+3)
		if _, ok := blockTagEnd(s[t:]); !ok {
			continue
		}
		b.WriteString(s[last:k])
		last, i = t, t
	}
	b.WriteString(s[last:])
	return b.String()
}

// dropAfterBlock: BLOCKTAG suffix → BLOCKTAG, spaces between dropped.
func dropAfterBlock(s, suffix string) string {
	var b strings.Builder
	last, i := 0, 0
	for {
		k := strings.Index(s[i:], suffix)
		if k < 0 {
			break
		}
		k += i
		i = k + len(suffix)
		j := k
		for j > last && isSpaceByte(s[j-1]) {
			j--
		}
		// The tag must end after the previous match: text a match
		// consumed cannot hold the next one's tag.
		if j <= last || s[j-1] != '>' {
			continue
		}
		// The tag's "<": its [^>]* holds no ">", so it is the last "<"
		// before the ">", no further back than the previous match.
		lt := strings.LastIndexByte(s[last:j-1], '<')
		if lt < 0 {
			continue
		}
		lt += last
		if n, ok := blockTagEnd(s[lt:j]); !ok || lt+n != j {
			continue
		}
		b.WriteString(s[last:j])
		last = i
	}
	b.WriteString(s[last:])
	return b.String()
}
