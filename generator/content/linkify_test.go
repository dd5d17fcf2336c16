package content

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// quickLinkify must link exactly what goldmark's GFM linkify links.
func TestQuickLinkifyMatchesGFM(t *testing.T) {
	gfm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(demoteHeadings{}, 1000))),
	)
	ours := newMarkdown(false, true)
	cases := []string{
		"See https://example.org now.\n",
		"https://example.org at the head of a line.\n",
		"A line without links,\nthen www.example.org on the next.\n",
		"Mail jane@example.org or visit http://x.example.com/a?b=c#d, then stop.\n",
		"Not mail: jane@localhost, not a link: ftp:/x, www.x\n",
		"(www.example.org/path) and *https://example.org/em* and _www.example.com_\n",
		"Text ~https://strike.example.org~ text.\n",
		"Two on one line: https://a.example.org and https://b.example.org.\n",
		"| a | b |\n|---|---|\n| https://example.org | plain |\n| plain | jane@example.org |\n",
		"- item https://example.org\n- plain item\n- www.example.org\n",
		"> \"Quoted,\" said jane@example.org on www.example.org.\n",
		"[a link](https://example.org) then https://example.com\n",
		"`https://in.code.example.org` and https://out.example.org\n",
		"Footnote[^1] here.\n\n[^1]: See https://example.org.\n",
		"Word@word and a@b.c and x://y and www.\n",
		"Line one https://example.org\nline two plain\nline three www.example.org\n",
	}
	for _, src := range cases {
		var want, got bytes.Buffer
		if err := gfm.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", src, got.String(), want.String())
		}
	}
}
