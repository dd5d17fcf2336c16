package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/output"
)

// A build whose sources, options and generator are those of the last
// build into the same folder leaves that folder as it is; anything else
// builds.
func TestUnchangedSitesAreNotRebuilt(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	// Sources saved within two seconds of a build are not recorded (a
	// second save in the same timestamp tick could go unseen), so the
	// builds here happen a minute after the copy.
	later := time.Now().Add(time.Minute)
	run := func(step string, opts build.Options) *build.Result {
		t.Helper()
		opts.Source, opts.Dest = root, dest
		if opts.Now.IsZero() {
			opts.Now = later
		}
		res, err := build.Run(opts)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return res
	}
	id := func() string {
		t.Helper()
		id, err := output.ID(dest)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	const future = "content/articles/2030/01/ahead.md"
	write(t, root, future, "---\ntitle: Ahead\ndate: 2030-01-10\n---\nNot yet.\n")
	first := run("first build", build.Options{})
	if first.UpToDate || first.Future != 1 {
		t.Fatalf("first build: up to date %v, %d left out for their date", first.UpToDate, first.Future)
	}
	built := id()

	again := run("same sources", build.Options{})
	if !again.UpToDate || id() != built {
		t.Fatal("an unchanged site was built again")
	}
	if again.Articles != first.Articles || again.Pages != first.Pages || len(again.Warnings) != len(first.Warnings) {
		t.Errorf("the up-to-date result differs from the build's: %+v", again)
	}

	steps := []struct {
		name   string
		change func() build.Options
	}{
		{"forced", func() build.Options { return build.Options{Force: true} }},
		{"drafts asked for", func() build.Options { return build.Options{Drafts: true} }},
		{"another base URL", func() build.Options { return build.Options{BaseURL: "https://elsewhere.example/"} }},
		{"an article edited", func() build.Options {
			p := filepath.Join(root, "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			write(t, root, "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md",
				strings.Replace(string(b), "declined to confirm", "refused to confirm", 1))
			return build.Options{}
		}},
		{"a layout edited", func() build.Options {
			write(t, root, "layouts/404.html", "{{ define \"main\" }}<h1>Gone</h1>{{ end }}\n")
			return build.Options{}
		}},
		{"a static file added", func() build.Options {
			write(t, root, "static/extra.txt", "x")
			return build.Options{}
		}},
		{"the output folder replaced", func() build.Options {
			if err := os.RemoveAll(dest); err != nil {
				t.Fatal(err)
			}
			return build.Options{}
		}},
		{"an article comes due", func() build.Options {
			return build.Options{Now: time.Date(2030, 1, 9, 12, 0, 0, 0, time.UTC)}
		}},
	}
	for _, s := range steps {
		opts := s.change()
		res := run(s.name, opts)
		if res.UpToDate {
			t.Errorf("%s: the build found nothing to do", s.name)
		}
		if res := run(s.name+", again", opts); !res.UpToDate && !opts.Force {
			t.Errorf("%s: the second build was not up to date", s.name)
		}
	}
	s := parseSite(t, dest)
	if s.pages["/articles/ahead/"] == nil {
		t.Error("the article that came due is missing")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "extra.txt")); err != nil || string(b) != "x" {
		t.Errorf("extra.txt: %q, %v", b, err)
	}
	// A source saved just now could be saved again within its timestamp's
	// tick, unseen: such a build is not recorded.
	write(t, root, "static/extra.txt", "y")
	now := time.Now()
	run("a file saved just now", build.Options{Now: now})
	if res := run("a file saved just now, again", build.Options{Now: now}); res.UpToDate {
		t.Error("a build of sources saved just now was recorded")
	}
}
