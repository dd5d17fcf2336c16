package jekyll

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"folio/generator/migrate"
)

func testLiquid() *liquid {
	return &liquid{
		line: 5,
		page: map[string]any{"title": "Hello", "n": 3, "list": []any{"a"}},
		site: map[string]any{"title": "Blog", "baseurl": "/blog", "url": "https://example.org"},
		ref: func(name string, byPath bool) (string, string, bool) {
			switch name {
			case "2015-03-17-x", "_posts/2015-03-17-x.md":
				return "/articles/2015/03/x.md", "", true
			case "about.md":
				return "", "/about/", true
			}
			return "", "", false
		},
		include: func(name string) (string, bool) {
			text, ok := map[string]string{
				"faq-notice.md":     "_Report errors [on GitHub](https://github.com/x/y)._\n",
				"warnings/out.html": "<div class=\"warn\">\n\n  <p>Out of date.</p>\n\n</div>\n",
				"note.html":         "<p class=\"note\">{{ include.content }}{{include.missing}}</p>\n",
				"loop.html":         "{% for p in site.posts %}{{ p.title }}{% endfor %}\n",
				"code.html":         "<pre>\n\nx</pre>\n",
			}[name]
			return text, ok
		},
	}
}

func TestLiquidConvert(t *testing.T) {
	for _, c := range []struct {
		in, want string
		notes    []note
	}{
		{"[a]({{ site.baseurl }}/2015/x/) and ![i]({{site.url}}{{ site.baseurl }}/img/a.png)",
			"[a](/2015/x/) and ![i](/img/a.png)", nil},
		{`[a]({{ "/2015/07/08/x/" | url }}), {{ '/y' | relative_url }}, {{ "/z" | prepend: site.baseurl }}`,
			`[a](/2015/07/08/x/), /y, /z`, nil},
		{"{{ page.title }} on {{ site.title }}, {{ page.n }}", "Hello on Blog, 3", nil},
		{"see {% post_url 2015-03-17-x %} and {% link _posts/2015-03-17-x.md %} and [me]({% link about.md %})",
			`see {{< ref "/articles/2015/03/x.md" >}} and {{< ref "/articles/2015/03/x.md" >}} and [me](/about/)`, nil},
		{"a {% raw %}{{ x }} {% if %}{% endraw %} b", "a {{ x }} {% if %} b", nil},
		{"a{% comment %} secret {{ x }} {% endcomment %}b", "ab", nil},
		{"Text\n{% highlight ruby linenos %}\ndef x\n  1\nend\n{% endhighlight %}\nmore",
			"Text\n```ruby\ndef x\n  1\nend\n```\nmore", nil},
		{"```liquid\n{{ page.title }} {% raw %}{% for %}{% endraw %}\n```\n`{{ site.baseurl }}` {{ site.baseurl }}",
			"```liquid\n{{ page.title }} {% for %}\n```\n`{{ site.baseurl }}` ", nil},
		{"{% raw %}`{% post_url %}`{% endraw %}", "`{% post_url %}`", nil},
		{`{% include image.html url="/img/a.png" description="A cat" %}`,
			`{{< figure src="/img/a.png" alt="A cat" >}}`, nil},
		{"{% include \"linked-figure.html\",\n     image: \"/assets/a.png\",\n     alt: \"Shot \\\"one\\\".\",\n     caption: \"Test\" %}",
			`{{< figure src="/assets/a.png" alt="Shot \"one\"." caption="Test" >}}`, nil},
		{`{% image "assets/blog/a.jpg" "a mockup" %} {% image_with_class "assets/b.png" "wide" "B" %}`,
			`{{< figure src="/assets/blog/a.jpg" alt="a mockup" >}} {{< figure src="/assets/b.png" alt="B" class="wide" >}}`, nil},
		// In an HTML block, which Markdown leaves as written: HTML.
		{"<figure>\n  {% image \"assets/blog/a.jpg\" \"a \\\"mockup\\\" & more\" %}\n  <figcaption>A</figcaption>\n</figure>\n\n{% image \"assets/b.jpg\" %}",
			"<figure>\n  <img src=\"/assets/blog/a.jpg\" alt=\"a &#34;mockup&#34; &amp; more\">\n  <figcaption>A</figcaption>\n</figure>\n\n{{< figure src=\"/assets/b.jpg\" >}}", nil},
		{"{% youtube dQw4w9WgXcQ %}", "{{< youtube dQw4w9WgXcQ >}}", nil},
		{`{% youtubeEmbed "mZUTXX13X-I" %} {% youtube "https://youtu.be/aeQX16HCKSs" %} {% vimeo '76979871' %}`, "{{< youtube mZUTXX13X-I >}} {{< youtube aeQX16HCKSs >}} {{< vimeo 76979871 >}}", nil},
		{`{{ "https://www.youtube-nocookie.com/embed/aeQX16HCKSs" | embed: 'Demo day' }}`, "{{< youtube aeQX16HCKSs >}}", nil},
		{`{% youtube "aeQX16HCKSs" start=30 %}`, "**[Liquid not converted: see MIGRATION.md]**", []note{{5, `Liquid not converted: {% youtube "aeQX16HCKSs" start=30 %}`}}},
		{`{%- youtubeEmbed "WuH5QYCdh6w", "Escape from \"WordPress\" in 3 minutes" -%}`, `{{< youtube id="WuH5QYCdh6w" title="Escape from \"WordPress\" in 3 minutes" >}}`, nil},
		{`{% youtubeEmbed "EcId2RVdUFE", "Copy", "443" %}`, "**[Liquid not converted: see MIGRATION.md]**", []note{{5, `Liquid not converted: {% youtubeEmbed "EcId2RVdUFE", "Copy", "443" %}`}}},
		{"one\n{% for p in site.posts %}\n{{ p.title }}\n{% endfor %}\ntwo {{ page.list }}",
			"one\n**[Liquid not converted: see MIGRATION.md]**\ntwo **[Liquid not converted: see MIGRATION.md]**",
			[]note{{6, "Liquid not converted: {% for p in site.posts %}"}, {9, "Liquid not converted: {{ page.list }}"}}},
		{"{% include faq-notice.md %}\n\n{% include warnings/out.html %}\n{% include note.html content=\"Hi\" %} {% include code.html %}",
			"_Report errors [on GitHub](https://github.com/x/y)._\n\n<div class=\"warn\">\n  <p>Out of date.</p>\n</div>\n<p class=\"note\">Hi</p> <pre>\n\nx</pre>", nil},
		{"{% include loop.html %}", "**[Liquid not converted: see MIGRATION.md]**", []note{{5, "Liquid not converted: {% include loop.html %}"}}},
		{"x {% include footer.html %}", "x **[Liquid not converted: see MIGRATION.md]**",
			[]note{{5, "Liquid not converted: {% include footer.html %}"}}},
		{"{% post_url 2020-01-01-gone %}", "**[link to 2020-01-01-gone not found: see MIGRATION.md]**",
			[]note{{5, "post_url names 2020-01-01-gone, which is not in the site"}}},
		{"~~~\n{% endhighlight %}\n~~~", "~~~\n{% endhighlight %}\n~~~", nil},
		{"``a {{ x }} ``b", "``a {{ x }} ``b", nil},
	} {
		got, notes := testLiquid().convert(c.in)
		if got != c.want {
			t.Errorf("%q:\ngot  %q\nwant %q", c.in, got, c.want)
		}
		if !reflect.DeepEqual(notes, c.notes) {
			t.Errorf("%q: notes %v, want %v", c.in, notes, c.notes)
		}
	}
}

func TestLiquidLeavesNoLiquid(t *testing.T) {
	in := "{% assign x = 1 %}{% capture y %}z{% endcapture %}{% if a %}b{% else %}c{% endif %}{{ x | date: '%Y' }}{% unknown %}"
	got, notes := testLiquid().convert(in)
	if strings.Contains(got, "{%") || strings.Contains(got, "{{") {
		t.Errorf("Liquid left in %q", got)
	}
	if len(notes) != 5 {
		t.Errorf("notes: %v", notes)
	}
}

// TestAssignFromData: Ruby's release posts (513 in English, more in 14
// other languages) take their release from the site's data with
// {% assign release = site.data.releases | where: "version", "3.4.0" |
// first %} and print its checksums; all 17,986 of those outputs were
// left as "Liquid not converted". They now print the data's values; an
// assignment of anything else is still told.
func TestAssignFromData(t *testing.T) {
	dest, rep := migrateFiles(t, map[string]string{
		"_config.yml":          "title: T\n",
		"_data/releases.yml":   "- version: 3.3.0\n  sha256:\n    gz: aaa\n- version: 3.4.0\n  url:\n    gz: https://cache.example/ruby-3.4.0.tar.gz\n  size:\n    gz: 23194448\n  sha256:\n    gz: 068c85\n",
		"_data/downloads.json": `{"stable": ["3.4.1", "3.3.7"]}`,
		"_posts/2024-12-25-ruby-3-4-0.md": "---\ntitle: Ruby 3.4.0\n---\n" +
			"{% assign release = site.data.releases | where: \"version\", \"3.4.0\" | first %}\n" +
			"* <{{ release.url.gz }}>\n\n      SIZE: {{ release.size.gz }}\n      SHA256: {{ release.sha256.gz }}\n\n" +
			"Latest: {{ site.data.downloads.stable[0] }}. {% assign n = posts | size %}{{ release.sha512.gz }}\n",
	}, false)
	b, err := os.ReadFile(filepath.Join(dest, "content/articles/2024/12/ruby-3-4-0.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "\n* <https://cache.example/ruby-3.4.0.tar.gz>\n\n      SIZE: 23194448\n      SHA256: 068c85\n\nLatest: 3.4.1. " + noteText("Liquid not converted") + noteText("Liquid not converted") + "\n"
	if body := string(b)[strings.LastIndex(string(b), "---\n")+4:]; body != want {
		t.Errorf("body:\n%q\nwant\n%q", body, want)
	}
	got := rep.Lines("Liquid not converted")
	if w := "_posts/2024-12-25-ruby-3-4-0.md:10: Liquid not converted: {% assign n = posts | size %}\n_posts/2024-12-25-ruby-3-4-0.md:10: Liquid not converted: {{ release.sha512.gz }}"; strings.Join(got, "\n") != w {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), w)
	}
}

// TestDataThroughLinkNotRead: a data file that is a link, to a file
// outside the site, is not read for site.data.
func TestDataThroughLinkNotRead(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.yml")
	if err := os.WriteFile(outside, []byte("token: s3cret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	files := map[string]string{"_config.yml": "title: T\n", "_posts/2024-01-02-a.md": "---\ntitle: A\n---\nKey: {{ site.data.secret.token }}\n"}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	os.MkdirAll(filepath.Join(src, "_data"), 0o755)
	if err := os.Symlink(outside, filepath.Join(src, "_data", "secret.yml")); err != nil {
		t.Skip(err)
	}
	s, err := open(src, migrate.Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.(*site).siteData(); len(got) != 0 {
		t.Errorf("site.data read through a link: %v", got)
	}
}

// TestIncludeThroughLinkNotRead: an include that is a link, or in a
// linked folder, to something outside the site is not put in the page.
func TestIncludeThroughLinkNotRead(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.html"), []byte("<p>s3cret</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "_includes"), 0o755)
	os.WriteFile(filepath.Join(src, "_config.yml"), []byte("title: T\n"), 0o644)
	os.WriteFile(filepath.Join(src, "_includes", "own.html"), []byte("<p>own</p>\n"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "secret.html"), filepath.Join(src, "_includes", "secret.html")); err != nil {
		t.Skip(err)
	}
	os.Symlink(outside, filepath.Join(src, "_includes", "dir"))
	s, err := open(src, migrate.Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"own.html": true, "secret.html": false, "dir/secret.html": false, "../_config.yml": false} {
		if _, ok := s.(*site).includeFile(name); ok != want {
			t.Errorf("%s read: %t, want %t", name, ok, want)
		}
	}
}
