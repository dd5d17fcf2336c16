package jekyll

import (
	"reflect"
	"strings"
	"testing"
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
		{`{{ "https://www.youtube-nocookie.com/embed/aeQX16HCKSs" | embed: 'Demo day' }}`, "{{< youtube aeQX16HCKSs >}}", nil},
		{"one\n{% for p in site.posts %}\n{{ p.title }}\n{% endfor %}\ntwo {{ page.list }}",
			"one\n**[Liquid not converted: see MIGRATION.md]**\ntwo **[Liquid not converted: see MIGRATION.md]**",
			[]note{{6, "Liquid not converted: {% for p in site.posts %}"}, {9, "Liquid not converted: {{ page.list }}"}}},
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
