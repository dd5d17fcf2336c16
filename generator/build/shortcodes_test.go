package build_test

import (
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/output"
)

// TestShortcodes builds an article that calls a site's shortcode reading
// .Site.Data, a built-in one and a ref; then edits the shortcode and the
// data file, and checks that serve's rebuild shows both edits.
func TestShortcodes(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	const name = "content/articles/2024/07/calls.md"
	write(t, root, name, "---\ntitle: Calls\ndate: 2024-07-01\n---\n\n"+
		"By {{< person jdoe >}}: see [the other]({{< ref \"other.md\" >}}).\n\n{{< figure src=\"/a.jpg\" alt=\"A\" >}}\n")
	write(t, root, "content/articles/2024/07/other.md", "---\ntitle: Other\ndate: 2024-07-02\n---\n\nText.\n")
	write(t, root, "layouts/shortcodes/person.html", `<b>{{ (index .Site.Data.people (.Get 0)).name }}</b>`)
	write(t, root, "data/people.yaml", "jdoe:\n  name: Jane Doe\n")
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	memBuild(t, b, m, nil)
	page := func() string {
		p, _, ok, _ := m.Lookup("articles/calls/index.html")
		if !ok {
			t.Fatal("no page")
		}
		return string(p)
	}
	for _, want := range []string{`By <b>Jane Doe</b>: see <a href="../../articles/other/">the other</a>.`, `<figure><img src="../../a.jpg" alt="A" loading="lazy"></figure>`} {
		if !strings.Contains(page(), want) {
			t.Errorf("page lacks %s:\n%s", want, page())
		}
	}
	write(t, root, "layouts/shortcodes/person.html", `<i>{{ (index .Site.Data.people (.Get 0)).name }}</i>`)
	memBuild(t, b, m, build.Changes{"layouts/shortcodes/person.html"})
	if !strings.Contains(page(), "By <i>Jane Doe</i>") {
		t.Errorf("after the shortcode's edit:\n%s", page())
	}
	write(t, root, "data/people.yaml", "jdoe:\n  name: Jane Q. Doe\n")
	memBuild(t, b, m, build.Changes{"data/people.yaml"})
	if !strings.Contains(page(), "By <i>Jane Q. Doe</i>") {
		t.Errorf("after the data's edit:\n%s", page())
	}
}

// TestShortcodeErrors checks that an unknown shortcode and a ref to no
// article fail the build, each with its file and line.
func TestShortcodeErrors(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	const name = "content/articles/2024/07/calls.md"
	write(t, root, name, "---\ntitle: Calls\ndate: 2024-07-01\n---\n\nSee [gone]({{< ref \"gone.md\" >}}).\n\n{{< tweetz 1 >}}\n")
	_, err := build.NewBuilder(build.Options{Source: root}).Build(output.NewMemory().Batch(), nil)
	want := name + `:8: unknown shortcode "tweetz": add layouts/shortcodes/tweetz.html, or remove the call`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	write(t, root, name, "---\ntitle: Calls\ndate: 2024-07-01\n---\n\nSee [gone]({{< ref \"gone.md\" >}}).\n")
	_, err = build.NewBuilder(build.Options{Source: root}).Build(output.NewMemory().Batch(), nil)
	want = name + `:6: ref "gone.md": no article, page or profile has this path or slug (write a path under content/, such as articles/2024/story.md, or relative to this file)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

// TestShortcodePartial builds an article whose shortcode calls a partial
// of layouts/partials, then edits the partial, and checks that serve's
// rebuild shows the edit. A partial that a layout names must still parse
// as a layout.
func TestShortcodePartial(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2024/07/calls.md", "---\ntitle: Calls\ndate: 2024-07-01\n---\n\n{{< button href=\"/go/\" text=\"Go\" >}}\n")
	write(t, root, "layouts/shortcodes/button.html", `{{ partial "core/usa-button.html" (dict "href" .Params.href "text" .Params.text) }}`)
	// Written with a function of Hugo's that layouts lack: the layouts
	// leave it to shortcodes.
	write(t, root, "layouts/partials/core/usa-button.html", `<a class="usa-button" href="{{ .href }}" data-base="{{ path.Base .href }}">{{ .text }}</a>`)
	// A Hugo partial naming another is not a layout's use of it.
	write(t, root, "layouts/partials/core/card.html", `{{ partial "partials/core/usa-button.html" . }}{{ md5 "x" }}`)
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	memBuild(t, b, m, nil)
	page := func() string {
		p, _, ok, _ := m.Lookup("articles/calls/index.html")
		if !ok {
			t.Fatal("no page")
		}
		return string(p)
	}
	if want := `<a class="usa-button" href="../../go/" data-base="go">Go</a>`; !strings.Contains(page(), want) {
		t.Errorf("page lacks %s:\n%s", want, page())
	}
	write(t, root, "layouts/partials/core/usa-button.html", `<a class="button" href="{{ .href }}">{{ .text }}</a>`)
	memBuild(t, b, m, build.Changes{"layouts/partials/core/usa-button.html"})
	if want := `<a class="button" href="../../go/">Go</a>`; !strings.Contains(page(), want) {
		t.Errorf("after the partial's edit, page lacks %s:\n%s", want, page())
	}
	write(t, root, "layouts/partials/core/usa-button.html", `<a class="button" href="{{ .href }}">{{ .text | md5 }}</a>`)
	write(t, root, "layouts/partials/footer.html", `{{ template "partials/core/usa-button.html" . }}`)
	_, err := build.NewBuilder(build.Options{Source: root}).Build(output.NewMemory().Batch(), nil)
	if want := `layouts/partials/core/usa-button.html:1: function "md5" not defined`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}
