package wpbody

import (
	"strings"
	"testing"
	"time"
)

// TestLinear converts bodies that a rescan per bracket, per code element
// or per shortcode would make quadratic: each takes milliseconds when
// the work is linear, and minutes otherwise.
func TestLinear(t *testing.T) {
	const n = 50_000
	bodies := map[string]string{
		"open brackets, one closer":   strings.Repeat("[a ", n) + "]",
		"many code elements":          strings.Repeat("x <code>[b]</code> ", n),
		"shortcodes on one long line": strings.Repeat(`[su_note id="1"] `, n),
		"emphasis marks":              strings.Repeat("*a _b `c ]d <e ", n/3),
		"unclosed pre":                "<pre>" + strings.Repeat("[gallery] ", n),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			done := make(chan struct{})
			start := time.Now()
			go func() {
				Convert(body, Options{})
				close(done)
			}()
			select {
			case <-done:
				t.Logf("%d bytes in %v", len(body), time.Since(start))
			case <-time.After(20 * time.Second):
				t.Fatalf("%d bytes not converted in 20s", len(body))
			}
		})
	}
}
