package hugo

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// TestImageAlt: folio refuses an image without image_alt; a Hugo page's
// image gets the description the theme's fields give, or an empty one
// noted for a person (rOpenSci's build failed on 84 such articles).
func TestImageAlt(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                    "title = 'T'\n[taxonomies]\nauthor = 'authors'\n",
		"content/blog/2020/a.md":       "---\ntitle: A\ndate: 2020-01-02\nimage: a.png\n---\nA.\n",
		"content/blog/2020/b.md":       "---\ntitle: B\ndate: 2020-01-03\nimages: [b.png]\nimage_description: A &amp; B\n---\nB.\n",
		"content/blog/2020/c.md":       "---\ntitle: C\ndate: 2020-01-04\nimage: c.png\nimage_alt: \"\"\n---\nC.\n",
		"content/authors/jo/_index.md": "---\ntitle: Jo\nimage: jo.jpg\n---\n",
		"content/blog/2020/d.md":       "---\ntitle: D\ndate: 2020-01-05\nauthors: [jo]\n---\nD.\n",
	})
	dest, rep := migrateTo(t, src)
	for name, want := range map[string]string{
		"content/articles/2020/01/a.md": "---\ntitle: A\ndate: \"2020-01-02\"\nimage: a.png\nimage_alt: \"\"\n---\nA.\n",
		"content/articles/2020/01/b.md": "---\ntitle: B\ndate: \"2020-01-03\"\nimage: b.png\nimage_alt: \"A & B\"\nimage_description: \"A &amp; B\"\nimages:\n  - b.png\n---\nB.\n",
		"content/articles/2020/01/c.md": "---\ntitle: C\ndate: \"2020-01-04\"\nimage: c.png\nimage_alt: \"\"\n---\nC.\n",
		"content/authors/jo.md":         "---\nname: Jo\nimage: jo.jpg\nimage_alt: \"\"\n---\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, b, want)
		}
	}
	got := rep.Lines("Images without a description (image_alt left empty)")
	want := []string{
		"content/authors/jo/_index.md:1: jo.jpg: describe the image in image_alt, for readers who cannot see it",
		"content/blog/2020/a.md:1: a.png: describe the image in image_alt, for readers who cannot see it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMissingImageLeftOut: an image: that is no file of the source (the
// bundle, static/, assets/, a theme's) is left out and reported, where
// folio would stop the build (rOpenSci's use case on KoboToolbox names a
// picture its repository never had); one that is there, or on another
// host, or relative to a page that is no bundle, is kept.
func TestMissingImageLeftOut(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                      "title = 'T'\ntheme = 'th'\n",
		"content/blog/2020/a/index.md":   "---\ntitle: A\ndate: 2020-01-02\nimage: gone.png\nimage_alt: Gone\n---\nA.\n",
		"content/blog/2020/b/index.md":   "---\ntitle: B\ndate: 2020-01-03\nimage: here.png\n---\nB.\n",
		"content/blog/2020/b/here.png":   "png",
		"content/blog/2020/c.md":         "---\ntitle: C\ndate: 2020-01-04\nimage: /img/none.jpg\n---\nC.\n",
		"content/blog/2020/d.md":         "---\ntitle: D\ndate: 2020-01-05\nimage: /img/theme.jpg\n---\nD.\n",
		"themes/th/static/img/theme.jpg": "jpg",
		"content/blog/2020/e.md":         "---\ntitle: E\ndate: 2020-01-06\nimage: /img/asset.jpg\n---\nE.\n",
		"assets/img/asset.jpg":           "jpg",
		"content/blog/2020/f.md":         "---\ntitle: F\ndate: 2020-01-07\nimage: https://example.org/f.jpg\n---\nF.\n",
		"content/blog/2020/g.md":         "---\ntitle: G\ndate: 2020-01-08\nimage: g.jpg\n---\nG.\n",
	})
	dest, rep := migrateTo(t, src)
	for name, want := range map[string]bool{
		"content/articles/2020/01/a/index.md": false, "content/articles/2020/01/b/index.md": true,
		"content/articles/2020/01/c.md": false, "content/articles/2020/01/d.md": true,
		"content/articles/2020/01/e.md": true, "content/articles/2020/01/f.md": true, "content/articles/2020/01/g.md": true,
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b), "\nimage:"); got != want || !want && strings.Contains(string(b), "image_alt") {
			t.Errorf("%s keeps its image: %v, want %v\n%s", name, got, want, b)
		}
	}
	got := rep.Lines("Images not found (left out)")
	want := []string{
		"content/blog/2020/a/index.md:4: image: gone.png is no file of the page's bundle, of static/ or of assets/: left out",
		"content/blog/2020/c.md:4: image: /img/none.jpg is no file of the page's bundle, of static/ or of assets/: left out",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMisnamedImagesBuild: a JPEG saved as .png (rOpenSci has three,
// which browsers showed) makes the new config.yaml say images.misnamed:
// warn, so that the site builds, and the report lists it.
func TestMisnamedImagesBuild(t *testing.T) {
	src := t.TempDir()
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 8, 6)), nil); err != nil {
		t.Fatal(err)
	}
	write(t, src, map[string]string{
		"hugo.toml":            "title = 'T'\n",
		"static/img/team.png":  jpg.String(),
		"static/img/right.jpg": jpg.String(),
		"content/blog/a.md":    "---\ntitle: A\ndate: 2020-01-02\nimage: /img/team.png\nimage_alt: The team\n---\nA.\n",
	})
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "config.yaml"))
	if !strings.Contains(string(cfg), "images:\n  misnamed: warn\n") {
		t.Errorf("config.yaml:\n%s", cfg)
	}
	items := rep.Items()["Images whose name says another format (images.misnamed: warn)"]
	if len(items) != 1 || items[0].String() != "static/img/team.png: team.png is a JPEG image, not the PNG its name says: rename it, as browsers showed it; folio warns of it" {
		t.Errorf("report %v", items)
	}
}
