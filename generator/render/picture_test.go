package render

import (
	"strconv"
	"strings"
	"testing"
)

// testPicture is a picture of the four default widths, as published
// names the image /img/a-1.jpg: with a fallback at 480 and 1200 pixels.
func testPicture() (Pictures, string) {
	pic := &Picture{Width: 1600, Height: 1200, Type: "image/jpeg"}
	for _, w := range []int{480, 800, 1200, 1600} {
		n := "/img/a-1-" + strconv.Itoa(w) + ".0123abcd"
		z := PictureSize{Width: w, Height: w * 3 / 4, WebP: n + ".webp"}
		if w == 480 || w == 1200 {
			z.Fallback = n + ".jpg"
		}
		pic.Sizes = append(pic.Sizes, z)
	}
	return Pictures{"/img/a-1.jpg": pic}, "/img/a-1.jpg"
}

func BenchmarkPictureHTML(b *testing.B) {
	pics, src := testPicture()
	r := rooted{prefix: "../../"}
	for _, o := range []pictureOptions{{thumb: true}, {lead: true}} {
		name := "thumb"
		if o.lead {
			name = "lead"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				pictureHTML(pics, r.Rel, src, "Picture 1", "", o)
			}
		})
	}
}

// TestPictureHTML pins the markup of a lead image, a thumbnail and an
// image of the text with a title, its text escaped.
func TestPictureHTML(t *testing.T) {
	pics, src := testPicture()
	r := rooted{prefix: "../../"}
	for _, c := range []struct {
		alt, title string
		o          pictureOptions
		want       string
	}{
		{"A & B", "", pictureOptions{lead: true}, `<picture><source type="image/webp" srcset="../../img/a-1-480.0123abcd.webp 480w, ../../img/a-1-800.0123abcd.webp 800w, ../../img/a-1-1200.0123abcd.webp 1200w, ../../img/a-1-1600.0123abcd.webp 1600w" sizes="(min-width: 44em) 40em, calc(100vw - 2em)">` +
			`<img src="../../img/a-1-1200.0123abcd.jpg" srcset="../../img/a-1-480.0123abcd.jpg 480w, ../../img/a-1-1200.0123abcd.jpg 1200w" sizes="(min-width: 44em) 40em, calc(100vw - 2em)" width="1600" height="1200" alt="A &amp; B" fetchpriority="high"></picture>`},
		{"", "", pictureOptions{thumb: true}, `<picture><source type="image/webp" srcset="../../img/a-1-480.0123abcd.webp 480w, ../../img/a-1-800.0123abcd.webp 800w" sizes="8em">` +
			`<img src="../../img/a-1-480.0123abcd.jpg" width="1600" height="1200" alt="" loading="lazy" decoding="async"></picture>`},
		{"Quay", `"Dawn"`, pictureOptions{}, `sizes="(min-width: 44em) 40em, calc(100vw - 2em)" width="1600" height="1200" alt="Quay" title="&#34;Dawn&#34;" loading="lazy" decoding="async"></picture>`},
	} {
		got := pictureHTML(pics, r.Rel, src, c.alt, c.title, c.o)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("pictureHTML(%q, %+v):\n got %s\nwant …%s", c.alt, c.o, got, c.want)
		}
	}
}
