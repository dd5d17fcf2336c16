package build_test

import (
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/output"
)

// linkWarnings is the text of a build's warnings about links.
func linkWarnings(res *build.Result) string {
	var out []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, "no page has this address") {
			out = append(out, w.Error())
		}
	}
	return strings.Join(out, "\n")
}

// TestBrokenLinksAreWarned checks that a build, and a rebuild after an
// edit, warns of every link of an article's text to an address where the
// site has no page, with its file and line.
func TestBrokenLinksAreWarned(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	const name = "content/articles/2024/07/links.md"
	head := "---\ntitle: Links\ndate: 2024-07-01\n---\n\n"
	write(t, root, name, head+"[Kremlin](/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/) and [style](/css/style.css).\n\n"+
		"[Deleted](/articles/deleted-story/) and [Putin](../../people/vladimir-putin/), [mistyped](../../people/vladmir-putin/).\n")
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	res := memBuild(t, b, m, nil)
	want := name + ":8: warning: link to ../../people/vladmir-putin/: no page has this address\n" +
		name + ":8: warning: link to /articles/deleted-story/: no page has this address"
	if got := linkWarnings(res); got != want {
		t.Errorf("build warnings:\n%s\nwant:\n%s", got, want)
	}

	// An edit that leaves the site's shape alone takes the quick path,
	// which checks the edited article's links.
	write(t, root, name, head+"Fixed: [Putin](/people/vladimir-putin/).\n\nNew: [gone](https://archive.example.org/articles/gone/).\n")
	res = memBuild(t, b, m, build.Changes{name})
	if !res.Swapped {
		t.Fatal("the edit did not take the quick path")
	}
	if got, want := linkWarnings(res), name+":8: warning: link to https://archive.example.org/articles/gone/: no page has this address"; got != want {
		t.Errorf("rebuild warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestExampleSiteLinks checks that the example site's links all lead to
// its pages.
func TestExampleSiteLinks(t *testing.T) {
	t.Parallel()
	res := memBuild(t, build.NewBuilder(build.Options{Source: exampleSite}), output.NewMemory(), nil)
	if got := linkWarnings(res); got != "" {
		t.Errorf("the example site links to addresses where it has nothing:\n%s", got)
	}
}
