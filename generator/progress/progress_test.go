package progress

import (
	"strings"
	"sync"
	"testing"
	"time"

	"folio/generator/sitetest"
)

func TestStatusLine(t *testing.T) {
	for _, tc := range []struct {
		s    Status
		want string
	}{
		{Status{}, ""},
		{Status{Phase: "render and write", Unit: "pages", Done: 120000, Total: 400000, Elapsed: 4800 * time.Millisecond},
			"render and write: 120,000 of 400,000 pages (30%), 25,000 a second, 11 s left"},
		// Too early for a rate.
		{Status{Phase: "read", Unit: "articles", Done: 10, Total: 1000, Elapsed: 100 * time.Millisecond}, "read: 10 of 1,000 articles (1%)"},
		// A total not known: how much so far, how fast, how long.
		{Status{Phase: "migrate", Unit: "articles", Done: 12345, Elapsed: 5 * time.Second}, "migrate: 12,345 articles, 2,469 a second, 5.0 s"},
		// Nothing to count: how long it has run.
		{Status{Phase: "assemble", Elapsed: 2500 * time.Millisecond}, "assemble: 2.5 s"},
	} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("%+v:\n got %q\nwant %q", tc.s, got, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q", n, got)
		}
	}
	for d, want := range map[time.Duration]string{400 * time.Millisecond: "400 ms", 2400 * time.Millisecond: "2.4 s", 12 * time.Second: "12 s", 185 * time.Second: "3 min 05 s"} {
		if got := Seconds(d); got != want {
			t.Errorf("Seconds(%v) = %q", d, got)
		}
	}
}

// TestMeterTimesPhases: phases end when the next starts, a phase beside
// the others is set apart, and a nil Meter does nothing.
func TestMeterTimesPhases(t *testing.T) {
	var m Meter
	m.Start("read", 10, "articles")
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() { defer wg.Done(); m.Add(1) }()
	}
	wg.Wait()
	if s := m.Status(); s.Phase != "read" || s.Done != 10 || s.Total != 10 {
		t.Errorf("status %+v", s)
	}
	m.Start("render and write", 5, "pages")
	if s := m.Status(); s.Done != 0 {
		t.Errorf("a new phase starts at %d done", s.Done)
	}
	m.Beside("search index", 1100*time.Millisecond)
	m.End()
	if s := m.Status(); s.Phase != "" {
		t.Errorf("after End: %+v", s)
	}
	got := m.Timings()
	if len(got) != 3 || got[0].Phase != "read" || got[1].Phase != "search index" || !got[1].Beside || got[2].Phase != "render and write" {
		t.Errorf("timings %+v", got)
	}
	if s := Summary([]Timing{{"read", 900 * time.Millisecond, false}, {"images", 0, false}, {"render and write", 2600 * time.Millisecond, false}, {"search index", 1100 * time.Millisecond, true}}); s != "read 900 ms, render and write 2.6 s; search index 1.1 s beside" {
		t.Errorf("summary %q", s)
	}
	// The dev server's meter follows one build after another.
	m.Start("scan", 0, "")
	m.Reset()
	m.Start("read", 0, "")
	m.End()
	if got := m.Timings(); len(got) != 1 || got[0].Phase != "read" {
		t.Errorf("after Reset, timings %+v", got)
	}
	var none *Meter
	none.Reset()
	none.Start("x", 1, "y")
	none.Add(1)
	none.End()
	none.Beside("z", time.Second)
	if none.Timings() != nil {
		t.Error("a nil meter has timings")
	}
}

// TestShow: nothing is drawn for work shorter than the delay; longer
// work gets its line rewritten in place, and erased at the end.
func TestShow(t *testing.T) {
	var quick sitetest.Buffer
	var m Meter
	m.Start("read", 5, "articles")
	stop := Show(&quick, &m, time.Hour, time.Millisecond)
	stop()
	stop() // twice is harmless
	if quick.String() != "" {
		t.Errorf("quick work drew %q", quick.String())
	}

	var long sitetest.Buffer
	stop = Show(&long, &m, 0, time.Millisecond)
	m.Add(2)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(long.String(), "read: 2 of 5 articles (40%)") && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	stop()
	out := long.String()
	if !strings.HasPrefix(out, "\rread: ") || !strings.Contains(out, "read: 2 of 5 articles (40%)\x1b[K") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("drew %q", out)
	}
}
