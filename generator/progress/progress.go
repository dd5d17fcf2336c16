// Package progress follows long work phase by phase: a Meter counts what
// is done of the current phase (from any goroutine, for the cost of one
// atomic add) and keeps how long each phase took; Show draws it as one
// line rewritten in place on a terminal, only once the work has run for a
// while, so that a quick build prints its summary and nothing else.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Meter follows one piece of work. Its methods may be called on a nil
// Meter, which does nothing: code that reports progress needs no checks.
type Meter struct {
	done atomic.Int64

	mu      sync.Mutex
	phase   string
	unit    string
	total   int64
	started time.Time
	timings []Timing
}

// Timing is how long one phase took. Beside marks a phase that ran beside
// the others (a search index made while pages are written), whose time
// is not part of theirs.
type Timing struct {
	Phase  string
	Took   time.Duration
	Beside bool
}

// Start ends the current phase and starts the next: phase names it
// ("render and write"), total is how many units it has to do (0 when
// not known), unit what they are ("pages").
func (m *Meter) Start(phase string, total int, unit string) {
	if m == nil {
		return
	}
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.end(now)
	m.phase, m.unit, m.total, m.started = phase, unit, int64(total), now
	m.done.Store(0)
}

// Reset forgets the phases ended so far, for a Meter that follows one
// build after another (the dev server's).
func (m *Meter) Reset() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.timings, m.phase = nil, ""
}

// Add counts n more units done.
func (m *Meter) Add(n int) {
	if m != nil {
		m.done.Add(int64(n))
	}
}

// End ends the current phase.
func (m *Meter) End() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.end(time.Now())
}

func (m *Meter) end(now time.Time) {
	if m.phase != "" {
		m.timings = append(m.timings, Timing{Phase: m.phase, Took: now.Sub(m.started)})
	}
	m.phase = ""
}

// Beside records a phase that ran beside the others.
func (m *Meter) Beside(phase string, took time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.timings = append(m.timings, Timing{Phase: phase, Took: took, Beside: true})
}

// Timings are the phases ended so far, in the order they ended.
func (m *Meter) Timings() []Timing {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Timing(nil), m.timings...)
}

// Status is the state of the current phase.
type Status struct {
	Phase, Unit string
	Done, Total int64
	Elapsed     time.Duration
}

// Status tells where the current phase stands; Phase is "" between
// phases.
func (m *Meter) Status() Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.phase == "" {
		return Status{}
	}
	return Status{Phase: m.phase, Unit: m.unit, Done: m.done.Load(), Total: m.total, Elapsed: time.Since(m.started)}
}

// String is the status as the line shows it: "render and write: 120,000
// of 400,000 pages (30%), 25,000 a second, 11 s left".
func (s Status) String() string {
	if s.Phase == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(s.Phase)
	if s.Total > 0 {
		done := min(s.Done, s.Total)
		fmt.Fprintf(&b, ": %s of %s %s (%d%%)", Count(done), Count(s.Total), s.Unit, done*100/s.Total)
		if secs := s.Elapsed.Seconds(); done > 0 && secs >= 0.5 {
			rate := float64(done) / secs
			fmt.Fprintf(&b, ", %s a second, %s left", Count(int64(rate+0.5)), Seconds(time.Duration(float64(s.Total-done)/rate*float64(time.Second))))
		}
	} else if s.Done > 0 {
		// Work of unknown size (a WordPress export read as it streams):
		// how much so far, and how fast.
		fmt.Fprintf(&b, ": %s %s", Count(s.Done), s.Unit)
		if secs := s.Elapsed.Seconds(); secs >= 0.5 {
			fmt.Fprintf(&b, ", %s a second", Count(int64(float64(s.Done)/secs+0.5)))
		}
		fmt.Fprintf(&b, ", %s", Seconds(s.Elapsed))
	} else {
		fmt.Fprintf(&b, ": %s", Seconds(s.Elapsed))
	}
	return b.String()
}

// Count writes n with a comma between thousands.
func Count(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Seconds writes a duration as people read one: "40 ms", "2.4 s",
// "12 s", "3 min 05 s".
func Seconds(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d < 100*time.Second:
		return fmt.Sprintf("%d s", int(d.Seconds()+0.5))
	}
	s := int(d.Seconds() + 0.5)
	return fmt.Sprintf("%d min %02d s", s/60, s%60)
}

// Summary writes timings for a build's summary line: "read 0.9 s,
// assemble 0.4 s, render and write 2.6 s; search index 1.1 s beside".
func Summary(timings []Timing) string {
	var main, beside []string
	for _, t := range timings {
		if t.Took < time.Millisecond {
			continue // a phase with nothing to do
		}
		s := t.Phase + " " + Seconds(t.Took)
		if t.Beside {
			beside = append(beside, s)
		} else {
			main = append(main, s)
		}
	}
	out := strings.Join(main, ", ")
	if len(beside) > 0 {
		out += "; " + strings.Join(beside, ", ") + " beside"
	}
	return out
}

// Terminal reports whether progress lines belong on f: a terminal, not a
// dumb one, and not in CI, whose logs keep every rewrite of the line.
func Terminal(f *os.File) bool {
	if os.Getenv("CI") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// Show draws m's status on w as one line, first after the work has run
// for after, then every every, each time in place of the last (a
// carriage return, the line, and an erase to its end). stop ends it and
// erases the line, so that what is printed next starts clean.
func Show(w io.Writer, m *Meter, after, every time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		wait := time.NewTimer(after)
		defer wait.Stop()
		select {
		case <-done:
			return
		case <-wait.C:
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if line := m.Status().String(); line != "" {
				fmt.Fprint(w, "\r"+line+"\x1b[K")
				shown = true
			}
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\x1b[K")
				}
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			<-finished
		})
	}
}
