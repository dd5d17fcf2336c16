package content

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/adrg/frontmatter"
)

// yamlHead must split exactly where frontmatter.Parse does.
func TestYAMLHeadSplitsLikeTheLibrary(t *testing.T) {
	cases := []string{
		"---\ntitle: A\n---\nBody\n",
		"\n\n---\ntitle: A\n---\n\nBody with --- inside\n---\nand a rule above\n",
		"---  \r\ntitle: A\r\n  ---\r\nCRLF body\r\n",
		"---\ntitle: A\nnote: |\n  ---\n---\nthe block scalar ends at the first rule\n",
		"---\ntitle: A\n---",
		"---\n---\nempty front matter\n",
		"---\ntitle: A\ndate: 2024-01-01\n---\n---\ntwo rules\n",
	}
	formats := formats()
	for _, src := range cases {
		head, body, ok := yamlHead([]byte(src))
		if !ok {
			t.Errorf("%q: not split", src)
			continue
		}
		var whole, part matter
		wantBody, wantErr := frontmatter.Parse(bytes.NewReader([]byte(src)), &whole, formats...)
		rest, err := frontmatter.Parse(bytes.NewReader(head), &part, formats...)
		if len(rest) != 0 || fmt.Sprint(err) != fmt.Sprint(wantErr) || !bytes.Equal(body, wantBody) ||
			fmt.Sprint(part.fields, part.lines) != fmt.Sprint(whole.fields, whole.lines) {
			t.Errorf("%q:\n split: %q %v %v %q\n  want: %q %v %v", src, body, part.fields, err, rest, wantBody, whole.fields, wantErr)
		}
	}
	// Anything else is left to the library.
	for _, src := range []string{"+++\ntitle = 'A'\n+++\n", "{\n\"title\": \"A\"\n}\n", "---\ntitle: never closed\n", "title: A\n", "---yaml\ntitle: A\n---\n"} {
		if _, _, ok := yamlHead([]byte(src)); ok {
			t.Errorf("%q was split", src)
		}
	}
}
