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
	apPAroundTag  = regexp.MustCompile(`(?i)<p>\s*(</?` + allBlocks + `[^>]*>)\s*</p>`)
	apPLi         = regexp.MustCompile(`(?i)<p>(<li.+?)</p>`)
	apPQuote      = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	apPBefore     = regexp.MustCompile(`(?i)<p>\s*(</?` + allBlocks + `[^>]*>)`)
	apPAfter      = regexp.MustCompile(`(?i)(</?` + allBlocks + `[^>]*>)\s*</p>`)
	apBrVariants  = regexp.MustCompile(`(?i)<br\s*/?>`)
	apNL          = regexp.MustCompile(`\s*\n`)
	apBrAfterTag  = regexp.MustCompile(`(?i)(</?` + allBlocks + `[^>]*>)\s*<br />`)
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
	var pres []string
	s = apPre.ReplaceAllStringFunc(s, func(m string) string {
		pres = append(pres, m)
		return fmt.Sprintf("<pre wp-pre-tag-%d></pre>", len(pres)-1)
	})
	s = apDoubleBr.ReplaceAllString(s, "\n\n")
	s = apBlockOpen.ReplaceAllString(s, "\n\n$1")
	s = apBlockClose.ReplaceAllString(s, "$1\n\n")
	s = apHr.ReplaceAllString(s, "$1\n\n")
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
	s = apPInDiv.ReplaceAllString(s, "<p>$1</p></$2>")
	s = apPAroundTag.ReplaceAllString(s, "$1")
	s = apPLi.ReplaceAllString(s, "$1")
	s = apPQuote.ReplaceAllString(s, "<blockquote$1><p>")
	s = strings.ReplaceAll(s, "</blockquote></p>", "</p></blockquote>")
	s = apPBefore.ReplaceAllString(s, "$1")
	s = apPAfter.ReplaceAllString(s, "$1")
	s = apKeepNL.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "\n", "\x01") })
	s = apBrVariants.ReplaceAllString(s, "<br />")
	s = brLines(s)
	s = strings.ReplaceAll(s, "\x01", "\n")
	s = apBrAfterTag.ReplaceAllString(s, "$1")
	s = apBrBeforeTag.ReplaceAllString(s, "$1")
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
