package shortcode

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMoreFuncs(t *testing.T) {
	tests := []struct{ tmpl, want string }{
		{`{{ path.Base "/a/b/c.jpg" }} {{ path.Ext "/a/b/c.jpg" }} {{ path.Dir "/a/b/c.jpg" }} {{ path.BaseName "c.tar.gz" }} {{ path.Clean "a//b/../c" }}`, "c.jpg .jpg /a/b c.tar a/c"},
		{`{{ path.Join "a" "b/c" (slice "d" "e.md") }} {{ (path.Split "a/b/c.md").Dir }}|{{ (path.Split "a/b/c.md").File }}`, "a/b/c/d/e.md a/b/|c.md"},
		{`{{ md5 "hello" }} {{ sha1 "hello" }}`, "5d41402abc4b2a76b9719d911017c592 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"},
		{`{{ sha256 "hello" }} {{ crypto.MD5 "hello" }} {{ crypto.FNV32a "hello" }}`, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 5d41402abc4b2a76b9719d911017c592 1335831723"},
		// The same list is always mixed the same way.
		{`{{ delimit (shuffle (slice 1 2 3 4 5 6 7 8)) "" }} {{ delimit (shuffle (split "abcdefgh" "")) "" }} {{ delimit (shuffle (split "abcdefgh" "")) "" }}`, "21387465 dfcehgab dfcehgab"},
		{`{{ $l := slice "image" }}{{ $l = $l | append "image-right" }}{{ $l = append "x" "y" $l }}{{ delimit $l " " }}`, "image image-right x y"},
		{`{{ base64Encode "hi" }} {{ base64Decode "aGk=" }} {{ hasSuffix "a.md" ".md" }} [{{ getenv "HOME" }}]`, "aGk= hi true []"},
	}
	for _, tt := range tests {
		got, d := convert(t, map[string]string{"f": tt.tmpl}, "{{< f >}}")
		if want := "<p>" + tt.want + "</p>\n"; got != want || len(d.Problems) > 0 {
			t.Errorf("%s\ngot  %q\nwant %q\n%v", tt.tmpl, got, want, d.Problems)
		}
	}
}

func TestRefFuncs(t *testing.T) {
	files := map[string]string{
		"link": `<a href="{{ relref . (.Get 0) }}">x</a>|{{ ref .Page "b.md#part" }}|{{ .Page.RelRef (dict "path" "c") }}`,
		"bad":  `{{ relref "x" "y" }}`,
	}
	got, d := convert(t, files, "Intro.\n\n{{< link \"a.md\" >}}")
	for i, r := range d.Refs {
		got = strings.ReplaceAll(got, r.Token, "TOKEN"+string(rune('0'+i)))
	}
	if want := "<p>Intro.</p>\n<a href=\"TOKEN0\">x</a>|TOKEN1|TOKEN2\n"; got != want || len(d.Problems) > 0 {
		t.Errorf("got %q, want %q, %v", got, want, d.Problems)
	}
	if len(d.Refs) != 3 || d.Refs[0].Target != "a.md" || d.Refs[0].Line != 7 || d.Refs[1].Target != "b.md#part" || d.Refs[2].Target != "c" {
		t.Errorf("refs %+v", d.Refs)
	}
	_, d = convert(t, files, "{{< bad >}}")
	want := `content/articles/a.md:5: shortcode "bad": layouts/shortcodes/bad.html:1:3: executing "layouts/shortcodes/bad.html" at <relref "x" "y">: error calling relref: relref needs the page first: relref .Page "articles/2024/story.md"`
	if len(d.Problems) != 1 || d.Problems[0].Error() != want {
		t.Errorf("bad:\ngot  %v\nwant %s", d.Problems, want)
	}
}

func TestResourcesGet(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "static/img"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(root, "static/img/a b.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewRGBA(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"img": `{{ with resources.Get (.Get 0) }}{{ $r := .Resize "1200x" }}<img src="{{ $r.RelPermalink }}" data-p="{{ .Permalink }}" data-n="{{ .Name }}" data-t="{{ .MediaType }} {{ .MediaType.MainType }} {{ .MediaType.SubType }}" width="{{ .Width }}" height="{{ .Height }}">{{ else }}none{{ end }}`,
	}
	set, probs := parseSet(files, root, func(string) (string, string, error) { return "", "", os.ErrNotExist }, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	tests := []struct{ body, want string }{
		{`{{< img "img/a b.png" >}}`, `<img src="/img/a%20b.png" data-p="/img/a%20b.png" data-n="/img/a b.png" data-t="image/png image png" width="3" height="2">` + "\n"},
		{`{{< img "/img/a b.png" >}}`, `<img src="/img/a%20b.png" data-p="/img/a%20b.png" data-n="/img/a b.png" data-t="image/png image png" width="3" height="2">` + "\n"},
		{`{{< img "img/none.png" >}}`, "<p>none</p>\n"},
		{`{{< img "../secret.txt" >}}`, "<p>none</p>\n"},
		{`{{< img "https://example.org/a.png" >}}`, "<p>none</p>\n"},
		{`{{< img "img" >}}`, "<p>none</p>\n"},
	}
	for _, tt := range tests {
		got, d := convertSet(t, set, tt.body)
		if got != tt.want || len(d.Problems) > 0 {
			t.Errorf("%s\ngot  %q\nwant %q\n%v", tt.body, got, tt.want, d.Problems)
		}
	}
}
