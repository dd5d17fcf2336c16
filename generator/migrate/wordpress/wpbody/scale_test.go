package wpbody

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestLinear converts bodies that a rescan per bracket, per code element
// or per shortcode would make quadratic, at two sizes four times apart:
// linear work takes about four times as long on the larger, quadratic
// sixteen. The ratio, the fastest of five runs each, holds on a busy
// machine and under the race detector, where a fixed deadline did not;
// the runs alternate sizes, so that a burst of load from the tests
// running beside slows both, not the large ones alone (it once made a
// linear conversion look 12 times as long).
func TestLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("times conversions of large bodies")
	}
	bodies := map[string]func(n int) string{
		"open brackets, one closer":   func(n int) string { return strings.Repeat("[a ", n) + "]" },
		"many code elements":          func(n int) string { return strings.Repeat("x <code>[b]</code> ", n) },
		"shortcodes on one long line": func(n int) string { return strings.Repeat(`[su_note id="1"] `, n) },
		"emphasis marks":              func(n int) string { return strings.Repeat("*a _b `c ]d <e ", n/3) },
		"unclosed pre":                func(n int) string { return "<pre>" + strings.Repeat("[gallery] ", n) },
	}
	const n = 4_000
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			small, large := fastest(body(n), body(4*n))
			ratio := float64(large) / float64(max(small, time.Microsecond))
			t.Logf("%d items in %v, %d in %v: %.1f times as long", n, small, 4*n, large, ratio)
			if ratio > 10 {
				t.Errorf("four times the input took %.1f times as long (%v, then %v): the work grows faster than the input", ratio, small, large)
			}
		})
	}
}

// fastest is the shortest of five conversions of each of two bodies,
// converted in turn, in the CPU time of the thread that converts them
// where the system tells it: a conversion preempted by the tests beside
// (a build's, the race detector's) then costs no more, where in wall
// time a loaded machine once made a linear one look 15.8 times as long.
func fastest(small, large string) (time.Duration, time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := [2]time.Duration{1<<63 - 1, 1<<63 - 1}
	for range 5 {
		for i, body := range []string{small, large} {
			start := threadTime()
			Convert(body, Options{})
			best[i] = min(best[i], threadTime()-start)
		}
	}
	return best[0], best[1]
}
