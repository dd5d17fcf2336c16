package wordpress

import (
	"bytes"
	"image"
	"image/jpeg"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// uploadsDir makes a copy of wp-content/uploads for testdata/uploads:
// originals with the sizes WordPress made of them (each a real JPEG, the
// file's name after its end: fakeUpload), a file no post uses,
// and secret.jpg, a link to a file outside the folder.
func uploadsDir(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "uploads")
	for _, f := range []string{
		"2016/03/harbour.jpg", "2016/03/harbour-scaled.jpg", "2016/03/harbour-1024x683.jpg", "2016/03/harbour-300x200.jpg",
		"2016/03/boat.jpg", "2016/03/boat-300x200.jpg", "2016/03/timetable.pdf", "2016/03/café menu.pdf", "2016/03/unused.jpg", "2016/04/private.jpg",
	} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, fakeUpload(t, f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(root, "outside.jpg")
	os.WriteFile(outside, []byte("not to be copied"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "2016", "04", "secret.jpg")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestMigrateUploadsCopied migrates testdata/uploads/export.xml with
// -uploads: only the files published posts and pages use are copied, each
// once; links to sizes WordPress made lead to the image they were made of
// (harbour-scaled.jpg, WordPress's full size of a large upload), and the
// sizes used are copied too, for their old addresses (never unused.jpg or
// harbour.jpg, the backup of the scaled one); every link, the featured
// image's included, is the site path, which the built site answers. A missing file and a link leaving the folder
// are reported and their links stay on the old site.
func TestMigrateUploadsCopied(t *testing.T) {
	// DIR as a user gives it, relative to the current folder.
	wd, _ := os.Getwd()
	dir, err := filepath.Rel(wd, uploadsDir(t))
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(filepath.Join("testdata", "uploads", "export.xml"), dest, Reader(), migrate.Options{Uploads: dir, Look: filepath.Join("..", "..", "..")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	filepath.WalkDir(filepath.Join(dest, "static", "wp-content"), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			b, _ := os.ReadFile(p)
			b = bytes.TrimPrefix(b, tinyJPEG(t))
			got = append(got, filepath.ToSlash(rel)+": "+string(b))
		}
		return err
	})
	want := []string{
		"static/wp-content/uploads/2016/03/boat-300x200.jpg: file 2016/03/boat-300x200.jpg",
		"static/wp-content/uploads/2016/03/boat.jpg: file 2016/03/boat.jpg",
		"static/wp-content/uploads/2016/03/café menu.pdf: file 2016/03/café menu.pdf",
		"static/wp-content/uploads/2016/03/harbour-1024x683.jpg: file 2016/03/harbour-1024x683.jpg",
		"static/wp-content/uploads/2016/03/harbour-300x200.jpg: file 2016/03/harbour-300x200.jpg",
		"static/wp-content/uploads/2016/03/harbour-scaled.jpg: file 2016/03/harbour-scaled.jpg",
		"static/wp-content/uploads/2016/03/timetable.pdf: file 2016/03/timetable.pdf",
	}
	if !slices.Equal(got, want) {
		t.Errorf("copied:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := rep.Counts[migrate.Uploads]; n != 7 {
		t.Errorf("%d uploads counted, want 7", n)
	}
	files := map[string]string{
		// The featured image, an <img> of a size (its srcset of other
		// sizes dropped), a [caption] of a size linking to the original,
		// a PDF with a fragment and a [gallery] all lead to the copies.
		"content/articles/2016/03/photos.md": "---\ntitle: Photos\ndate: \"2016-03-01T10:00:00Z\"\nslug: photos\naliases:\n  - /2016/03/photos/harbour/\n  - /2016/03/photos/boat/\n  - /?p=10\nimage: /wp-content/uploads/2016/03/harbour-scaled.jpg\nimage_alt: The harbour at noon\nauthors:\n  - ann\n---\n" +
			"![The harbour](/wp-content/uploads/2016/03/harbour-scaled.jpg)\n\n" +
			"{{< figure src=\"/wp-content/uploads/2016/03/boat.jpg\" alt=\"A boat\" caption=\"A boat\" link=\"/wp-content/uploads/2016/03/boat.jpg\" >}}\n\n" +
			"The [ferry timetable](/wp-content/uploads/2016/03/timetable.pdf#page=2).\n\n" +
			"{{< figure src=\"/wp-content/uploads/2016/03/harbour-scaled.jpg\" alt=\"The harbour at noon\" >}}\n\n" +
			"{{< figure src=\"/wp-content/uploads/2016/03/boat.jpg\" alt=\"A boat\" caption=\"A boat, moored\" >}}\n",
		// A missing file and a link out of the folder stay absolute; a
		// path without the host is an upload too.
		"content/articles/2016/04/lost.md": "---\ntitle: Lost\ndate: \"2016-04-01T10:00:00Z\"\nslug: lost\naliases:\n  - /?p=11\nauthors:\n  - ann\n---\n" +
			"![Gone](http://blog.example.net/wp-content/uploads/2016/04/gone.jpg)\n\n" +
			"![Secret](https://blog.example.net/wp-content/uploads/2016/04/secret.jpg)\n\n" +
			"![The harbour, small](/wp-content/uploads/2016/03/harbour-scaled.jpg)\n\n" +
			"![Elsewhere](https://cdn.example.com/elsewhere.jpg)\n",
		// A name percent-encoded in the link is the file's name decoded.
		"content/pages/ferries.md": "---\ntitle: Ferries\naliases:\n  - /?p=20\n  - /?page_id=20\n---\nSee the [timetable](/wp-content/uploads/2016/03/timetable.pdf) and the [menu](/wp-content/uploads/2016/03/caf%C3%A9%20menu.pdf).\n",
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil || string(got) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, got, want)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, line := range []string{
		"- uploaded files posts use (images, documents): 7\n",
		"### Uploads not found in the -uploads folder (the links stay on the old site) (1)\n\n- export.xml:39: post 11: http://blog.example.net/wp-content/uploads/2016/04/gone.jpg\n",
		"### Uploads not copied (the links stay on the old site) (1)\n\n- export.xml:39: post 11: https://blog.example.net/wp-content/uploads/2016/04/secret.jpg: a link to a file outside " + escapeMD(dir) + ", which the migration does not follow\n",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", line, md)
		}
	}
	if rep.NeedsPerson() != 4 {
		t.Errorf("%d items need a person, want 4 (the two uploads, the private post and the old addresses with a query)", rep.NeedsPerson())
	}

	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"2016/03/photos", "2016/04/lost", "ferries"} {
		b, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(page), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range uploadRef.FindAllStringSubmatch(string(b), -1) {
			n++
			file, _ := url.PathUnescape(m[1])
			if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(page), filepath.FromSlash(file))); err != nil {
				t.Errorf("/%s/ links to %s, which the built site does not answer: %v", page, m[1], err)
			}
		}
		if n == 0 {
			t.Errorf("/%s/ links to no copied upload", page)
		}
	}
	for _, f := range []string{"2016/03/harbour-scaled.jpg", "2016/03/boat.jpg", "2016/03/timetable.pdf", "2016/03/café menu.pdf", "2016/03/harbour-300x200.jpg", "2016/03/boat-300x200.jpg"} {
		if _, err := os.Stat(filepath.Join(pub, "wp-content", "uploads", filepath.FromSlash(f))); err != nil {
			t.Errorf("the old address /wp-content/uploads/%s is not answered: %v", f, err)
		}
	}
}

// uploadRef is a relative link of a built page to a copied upload.
var uploadRef = regexp.MustCompile(`(?:src|href)="((?:\.\./)+wp-content/uploads/[^"#]+)`)

func escapeMD(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestMigrateUploadsLeftOnOldSite: without -uploads, links to uploads
// stay absolute, nothing is copied, and MIGRATION.md says how many links
// stay, in which posts, and that -uploads would copy them.
func TestMigrateUploadsLeftOnOldSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(filepath.Join("testdata", "uploads", "export.xml"), dest, Reader(), migrate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "static")); err == nil {
		t.Error("static/ was written")
	}
	got, _ := os.ReadFile(filepath.Join(dest, "content/pages/ferries.md"))
	if want := "---\ntitle: Ferries\naliases:\n  - /?p=20\n  - /?page_id=20\n---\nSee the [timetable](https://blog.example.net/wp-content/uploads/2016/03/timetable.pdf) and the [menu](https://blog.example.net/wp-content/uploads/2016/03/caf%C3%A9%20menu.pdf).\n"; string(got) != want {
		t.Errorf("ferries.md:\n%s\nwant:\n%s", got, want)
	}
	got, _ = os.ReadFile(filepath.Join(dest, "content/articles/2016/03/photos.md"))
	if want := "image: https://blog.example.net/wp-content/uploads/2016/03/harbour-scaled.jpg\n"; !strings.Contains(string(got), want) {
		t.Errorf("photos.md lacks %s:\n%s", want, got)
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	want := "### Links to uploads left on the old site (migrate again with -uploads DIR, DIR a copy of its wp-content/uploads, to copy the files) (4)\n\n" +
		"- export.xml: 10 links in 3 posts and pages to 9 files of wp-content/uploads stay absolute, on the old site\n" +
		"- export.xml:18: post 10: 5 links: https://blog.example.net/wp-content/uploads/2016/03/harbour-scaled.jpg, https://blog.example.net/wp-content/uploads/2016/03/boat-300x200.jpg, https://blog.example.net/wp-content/uploads/2016/03/boat.jpg and 2 more\n" +
		"- export.xml:39: post 11: 3 links: http://blog.example.net/wp-content/uploads/2016/04/gone.jpg, https://blog.example.net/wp-content/uploads/2016/04/secret.jpg, /wp-content/uploads/2016/03/harbour-300x200.jpg\n" +
		"- export.xml:72: page 20: 2 links: https://blog.example.net/wp-content/uploads/2016/03/timetable.pdf, https://blog.example.net/wp-content/uploads/2016/03/caf%C3%A9%20menu.pdf\n"
	if !strings.Contains(string(md), want) {
		t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", want, md)
	}
	if rep.NeedsPerson() != 6 {
		t.Errorf("%d items need a person, want 6", rep.NeedsPerson())
	}
}

// TestFileOfHostedUploads: WordPress.com's media host and Jetpack's image
// CDN serve a site's uploads too; links to them are links to its files.
func TestFileOfHostedUploads(t *testing.T) {
	com, _ := url.Parse("https://news.wordpress.com")
	own, _ := url.Parse("https://news.example.org/blog/")
	for _, c := range []struct {
		base *url.URL
		link string
		want string
	}{
		{com, "https://news.files.wordpress.com/2015/06/a.jpg?w=604", "2015/06/a.jpg"},
		{com, "https://NEWS.files.wordpress.com/2015/06/a.jpg", "2015/06/a.jpg"},
		{com, "https://other.files.wordpress.com/2015/06/a.jpg", ""},
		{com, "https://news.files.wordpress.com/../etc/passwd", ""},
		{own, "https://i0.wp.com/news.example.org/blog/wp-content/uploads/2015/06/a.jpg?resize=300%2C200", "2015/06/a.jpg"},
		{own, "https://i2.wp.com/news.example.org/blog/wp-content/uploads/2015/06/a.jpg", "2015/06/a.jpg"},
		{own, "https://i0.wp.com/elsewhere.example/blog/wp-content/uploads/2015/06/a.jpg", ""},
		{own, "https://news.example.org/blog/wp-content/uploads/2015/06/a.jpg", "2015/06/a.jpg"},
		{own, "https://news.example.org/wp-content/uploads/2015/06/a.jpg", ""},
	} {
		pu, _ := url.Parse(c.link)
		got, ok := fileOf(pu, c.base)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("fileOf(%s) = %q, %v; want %q", c.link, got, ok, c.want)
		}
	}
}

// tinyJPEG is a small real JPEG: the build that follows a migration
// makes the sizes of the images pages show, and refuses a file that is
// not the image its name says.
func tinyJPEG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 6)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fakeUpload is the file rel of the test uploads: an image is a real
// JPEG followed by its name, which decoders never read, so that tests
// tell the files apart; another file is its name.
func fakeUpload(t *testing.T, rel string) []byte {
	if strings.HasSuffix(rel, ".jpg") {
		return append(tinyJPEG(t), "file "+rel...)
	}
	return []byte("file " + rel)
}
