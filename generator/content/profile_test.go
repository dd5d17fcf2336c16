package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"folio/generator/config"
)

func TestParseProfile(t *testing.T) {
	p := NewParser(config.Default())
	for _, tc := range []struct {
		file, src string
		// slug, name and params of the profile read, or the problems.
		slug, name string
		params     map[string]any
		redirects  []OldPath
		probs      []string
	}{
		// The file name is the term's slug; name is only what readers see.
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\n---\n", slug: "jdoe", name: "Jane Doe", params: map[string]any{}},
		{file: "content/authors/JDoe.md", src: "---\nname: Jane Doe\n---\n", slug: "jdoe", name: "Jane Doe", params: map[string]any{}},
		// Hugo's term page: the folder names the term, title the person.
		{file: "content/authors/jdoe/_index.md", src: "---\ntitle: Jane Doe\n---\n", slug: "jdoe", name: "Jane Doe", params: map[string]any{}},
		{file: "content/authors/jdoe/_index.md", src: "---\ntitle: Ms Doe\nname: Jane Doe\n---\n", slug: "jdoe", name: "Jane Doe", params: map[string]any{}},
		{file: "content/authors/jdoe.md", src: "---\nname: Jane O&#8217;Doe\n---\n", slug: "jdoe", name: "Jane O’Doe", params: map[string]any{}},
		{file: "content/authors/jdoe.md", src: "---\ndescription: x\n---\n", slug: "jdoe", name: "", params: map[string]any{}},
		// Fields of its own reach layouts as .Params.
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\ntwitter: jdoe\nphoto: {src: a.jpg, credit: Me}\nweight: 3\n---\n", slug: "jdoe", name: "Jane Doe",
			params: map[string]any{"twitter": "jdoe", "photo": map[string]any{"src": "a.jpg", "credit": "Me"}, "weight": int64(3)}},
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\nredirect_from: [/author/jdoe/, /staff/jane.html]\n---\n", slug: "jdoe", name: "Jane Doe", params: map[string]any{},
			redirects: []OldPath{{"/author/jdoe/", 3, "redirect_from"}, {"/staff/jane.html", 3, "redirect_from"}}},
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\nredirect_from: /author/jdoe/\n---\n", slug: "jdoe", name: "Jane Doe", params: map[string]any{},
			redirects: []OldPath{{"/author/jdoe/", 3, "redirect_from"}}},
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\nredirect_from: [\"author/jdoe/\", \"/a/../../b/\", \"/x\\x01/\", \"//evil.example/\", \"/a?b\", 3]\n---\n", probs: []string{
			"content/authors/jdoe.md:3: redirect_from: item 2, \"/a/../../b/\", has a . or .. segment, which would lead out of the folder it names: write the path without it",
			"content/authors/jdoe.md:3: redirect_from: item 3, \"/x\ufffd/\", holds a control character: remove it",
			"content/authors/jdoe.md:3: redirect_from: item 4, \"//evil.example/\", is an address on a host, not a path: write the path from the site's root, such as /news/some-title/",
			"content/authors/jdoe.md:3: redirect_from: item 5, \"/a?b\", takes one name=value of letters, digits, - and _ after the ?, such as /?p=12",
			"content/authors/jdoe.md:3: redirect_from: item 6 must be a path such as /2015/06/old-title/, not the number 3",
		}},
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\nredirect_from: {a: b}\n---\n", probs: []string{
			`content/authors/jdoe.md:3: redirect_from: must be a list of paths such as [/2015/06/old-title/], not a set of fields`,
		}},
		// A portrait's credit is a field of its own, and only with a portrait.
		{file: "content/authors/jdoe.md", src: "---\nname: Jane Doe\nimage_credit: Photo\n---\n", probs: []string{
			`content/authors/jdoe.md:3: image_credit: is for the portrait, and the profile has no image`,
		}},
		{file: "content/authors/---.md", src: "---\nname: Jane Doe\n---\n", probs: []string{
			`content/authors/---.md: the file name has no letters or digits to make the term's URL from: rename it`,
		}},
		{file: "content/authors/jdoe.md", src: "+++\nname = \"Jane Doe\"\nborn = 0000-01-01\n+++\n", probs: []string{
			`content/authors/jdoe.md:3: born: the date 0000-01-01 is out of range: write a date from the year 1 to the year 9999`,
		}},
	} {
		pr, probs := p.ParseProfile(tc.file, "authors", []byte(tc.src))
		if got := errorTexts(probs); !reflect.DeepEqual(got, tc.probs) {
			t.Errorf("%s %q: problems\n got %q\nwant %q", tc.file, tc.src, got, tc.probs)
			continue
		}
		if tc.probs != nil {
			if pr != nil {
				t.Errorf("%s %q: a profile despite errors", tc.file, tc.src)
			}
			continue
		}
		if pr.Slug != tc.slug || pr.Name != tc.name || !reflect.DeepEqual(pr.Params, tc.params) || !reflect.DeepEqual(pr.RedirectFrom, tc.redirects) {
			t.Errorf("%s %q: slug %q name %q params %v redirects %v, want %q %q %v %v", tc.file, tc.src, pr.Slug, pr.Name, pr.Params, pr.RedirectFrom, tc.slug, tc.name, tc.params, tc.redirects)
		}
	}
}

// TestProfilePortraitCredit: a portrait's credit is read as plain text,
// entities decoded and runs of spaces made one, and is no .Param.
func TestProfilePortraitCredit(t *testing.T) {
	p := NewParser(config.Default())
	pr, probs := p.ParseProfile("content/people/jdoe.md", "people", []byte("---\nname: Jane Doe\nimage: /img/jd.jpg\nimage_alt: Jane Doe in 2020\nimage_credit: \"Photo:  NASA &amp; ESA\"\n---\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if pr.ImageCredit != "Photo: NASA & ESA" || len(pr.Params) != 0 {
		t.Errorf("credit %q, params %v", pr.ImageCredit, pr.Params)
	}
}

func TestProfileFiles(t *testing.T) {
	root := t.TempDir()
	for name, src := range map[string]string{
		"content/authors/jdoe.md":              "---\nname: Jane Doe\n---\n",
		"content/authors/rroe/_index.md":       "---\ntitle: Richard Roe\n---\n",
		"content/authors/_index.md":            "---\ntitle: Authors\n---\n",
		"content/authors/empty/notes.md":       "---\ntitle: Not a profile\n---\n",
		"content/authors/.hidden/_index.md":    "---\ntitle: Hidden\n---\n",
		"content/people/zed.md":                "---\nname: Zed\n---\n",
		"content/articles/authors/x/_index.md": "---\ntitle: X\n---\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, warnings, err := ProfileFiles(root, config.DefaultTaxonomies())
	if err != nil {
		t.Fatal(err)
	}
	want := []ProfileFile{
		{"content/authors/jdoe.md", "authors"},
		{"content/authors/rroe/_index.md", "authors"},
		{"content/people/zed.md", "people"},
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %v, want %v", files, want)
	}
	if got := errorTexts(warnings); !reflect.DeepEqual(got, []string{
		"content/authors/_index.md: warning: a taxonomy's introduction, as Hugo has them, not a profile: not read",
	}) {
		t.Errorf("warnings %q", got)
	}
}
