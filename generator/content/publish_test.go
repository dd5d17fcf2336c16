package content_test

import (
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
)

// Hugo's publishDate and expiryDate, in any case and with their aliases,
// bound when an article is on the site; Jekyll's published: false keeps
// it off.
func TestPublishAndExpiryDates(t *testing.T) {
	p := content.NewParser(config.Default())
	day := func(d int) time.Time { return time.Date(2024, 7, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		fm              string
		publish, expiry time.Time
		pubKey, expKey  string
		draft           bool
	}{
		{"publishDate: 2024-07-02\nexpiryDate: 2024-07-09\n", day(2), day(9), "publishDate", "expiryDate", false},
		{"publishdate: 2024-07-02\nexpirydate: 2024-07-09\n", day(2), day(9), "publishdate", "expirydate", false},
		{"PublishDate: 2024-07-02\nUnpublishDate: 2024-07-09\n", day(2), day(9), "PublishDate", "UnpublishDate", false},
		{"pubdate: 2024-07-02\nunpublishdate: 2024-07-09\n", day(2), day(9), "pubdate", "unpublishdate", false},
		{"published: 2024-07-02\n", day(2), time.Time{}, "published", "", false},
		{"published: false\n", time.Time{}, time.Time{}, "", "", true},
		{"published: true\n", time.Time{}, time.Time{}, "", "", false},
	}
	for _, c := range cases {
		src := "---\ntitle: T\ndate: 2024-07-01\n" + c.fm + "---\n"
		a, probs := p.Parse("content/articles/t.md", []byte(src))
		if a == nil {
			t.Errorf("%q: %v", c.fm, probs)
			continue
		}
		if !a.Publish.Equal(c.publish) || !a.Expiry.Equal(c.expiry) || a.PublishKey != c.pubKey || a.ExpiryKey != c.expKey || a.Draft != c.draft {
			t.Errorf("%q: publish %v (%s), expiry %v (%s), draft %v", c.fm, a.Publish, a.PublishKey, a.Expiry, a.ExpiryKey, a.Draft)
		}
		if len(a.Params) != 0 {
			t.Errorf("%q: params %v", c.fm, a.Params)
		}
	}
	src := "---\ntitle: T\ndate: 2024-07-01\nexpiryDate: 2024-07-09\nunpublishdate: 2024-07-10\npublishDate: someday\n---\n"
	_, probs := p.Parse("content/articles/t.md", []byte(src))
	want := []string{
		`content/articles/t.md:5: unpublishdate: gives the expiry date again, after expiryDate: keep one`,
		`content/articles/t.md:6: publishDate: "someday" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("problems:\n%v\nwant:\n%v", got, want)
	}
}
