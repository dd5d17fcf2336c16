package content_test

import (
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
)

// Hugo, Jekyll and Eleventy sites write dates in forms of their own; all
// of these were refused, in 98% of one real Hugo archive's files.
func TestDatesOtherToolsWrite(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("timezone: Europe/Kyiv\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := content.NewParser(cfg)
	kyiv := cfg.Location
	cases := []struct {
		date string
		want time.Time
	}{
		{"2012-02-22 15:09:51 -0400", time.Date(2012, 2, 22, 15, 9, 51, 0, time.FixedZone("", -4*3600))},
		{"2015-06-29 1:00:19 -0400", time.Date(2015, 6, 29, 1, 0, 19, 0, time.FixedZone("", -4*3600))},
		{"2015-06-29 01:00:19 -04:00", time.Date(2015, 6, 29, 1, 0, 19, 0, time.FixedZone("", -4*3600))},
		{"2015-03-17 10:00:00 -4", time.Date(2015, 3, 17, 10, 0, 0, 0, time.FixedZone("", -4*3600))},
		{"2015-03-17 10:00 +0530", time.Date(2015, 3, 17, 10, 0, 0, 0, time.FixedZone("", 5*3600+30*60))},
		{"2015-03-17 10:00:00 Z", time.Date(2015, 3, 17, 10, 0, 0, 0, time.UTC)},
		{"2015-03-17T10:00:00Z", time.Date(2015, 3, 17, 10, 0, 0, 0, time.UTC)},
		{"2015-03-17T10:00:00.250+02:00", time.Date(2015, 3, 17, 10, 0, 0, 250e6, time.FixedZone("", 2*3600))},
		{"2015-03-17 9:05", time.Date(2015, 3, 17, 9, 5, 0, 0, kyiv)},
		{"2015-03-17  10:00:00", time.Date(2015, 3, 17, 10, 0, 0, 0, kyiv)},
		{"2015-03-17", time.Date(2015, 3, 17, 0, 0, 0, 0, kyiv)},
	}
	for _, c := range cases {
		src := "---\ntitle: T\ndate: " + c.date + "\n---\n"
		a, probs := p.Parse("content/articles/t.md", []byte(src))
		if a == nil {
			t.Errorf("%s: %v", c.date, probs)
			continue
		}
		if !a.Date.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.date, a.Date, c.want)
		}
	}
	refused := map[string]string{
		"2015-02-29 10:00 -4":      `content/articles/t.md:3: date: "2015-02-29 10:00 -4" is not a real date (day out of range)`,
		"2015-03-17 24:00":         `content/articles/t.md:3: date: "2015-03-17 24:00" is not a real date (hour out of range)`,
		"2015-03-17 10:60":         `content/articles/t.md:3: date: "2015-03-17 10:60" is not a real date (minute out of range)`,
		"2015-03-17 10:00 +25":     `content/articles/t.md:3: date: "2015-03-17 10:00 +25" is not a real date (time zone offset out of range)`,
		"2015-13-01":               `content/articles/t.md:3: date: "2015-13-01" is not a real date (month out of range)`,
		"2015-03-17 10:00:00 2015": `content/articles/t.md:3: date: "2015-03-17 10:00:00 2015" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		"17/03/2015":               `content/articles/t.md:3: date: "17/03/2015" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
	}
	for date, want := range refused {
		src := "---\ntitle: T\ndate: " + date + "\n---\n"
		if a, probs := p.Parse("content/articles/t.md", []byte(src)); a != nil || len(probs) != 1 || probs[0].Error() != want {
			t.Errorf("%s: %v, want %s", date, probs, want)
		}
	}
}

// Jekyll names posts 2015-03-17-title.md and gives them no date: the day
// and the slug come from the name. A date in the front matter wins, and
// then the name is the slug as it always was.
func TestDateFromTheFileName(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("timezone: Europe/Kyiv\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := content.NewParser(cfg)
	a, probs := p.Parse("content/articles/2015/2015-03-17-spring-is-here.md", []byte("---\ntitle: Spring\n---\n"))
	if a == nil {
		t.Fatal(probs)
	}
	if want := time.Date(2015, 3, 17, 0, 0, 0, 0, cfg.Location); !a.Date.Equal(want) || a.Slug != "spring-is-here" {
		t.Errorf("date %v, slug %q; want %v, spring-is-here", a.Date, a.Slug, want)
	}
	a, _ = p.Parse("content/articles/2015-03-17-spring-is-here.md", []byte("---\ntitle: Spring\ndate: 2015-03-18 09:00\n---\n"))
	if a == nil || a.Date.Day() != 18 || a.Slug != "2015-03-17-spring-is-here" {
		t.Errorf("with a date: %v, %q", a.Date, a.Slug)
	}
	// Not a real day in the name: the date is still missing.
	_, probs = p.Parse("content/articles/2015-02-30-spring.md", []byte("---\ntitle: Spring\n---\n"))
	if want := "content/articles/2015-02-30-spring.md:1: date: missing: add a line such as date: 2024-07-22 to the front matter"; len(probs) != 1 || probs[0].Error() != want {
		t.Errorf("%v, want %s", probs, want)
	}
}
