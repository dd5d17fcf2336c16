package server

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// event is one Server-Sent Event.
type event struct {
	name, data string
}

// hub fans events out to every connected browser tab.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	// last is the latest build state ("problems" or "ok"), sent to every
	// tab that connects, so a page loaded during a broken build shows why.
	last event
}

func newHub() *hub {
	return &hub{clients: map[chan event]struct{}{}, last: event{name: "ok"}}
}

// publish sends ev to every client. A client too slow to take it misses
// it; reload events are idempotent and the state is resent on reconnect.
func (h *hub) publish(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ev.name == "problems" || ev.name == "ok" {
		h.last = ev
	}
	for c := range h.clients {
		select {
		case c <- ev:
		default:
		}
	}
}

func (h *hub) subscribe() (chan event, event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan event, 16)
	h.clients[c] = struct{}{}
	return c, h.last
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// count is the number of connected clients.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// heartbeat keeps idle connections open through proxies and lets a
// vanished client be noticed.
const heartbeat = 15 * time.Second

// serveEvents streams events to one tab until it disconnects or the
// server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, state := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	// Reconnect quickly after a restart of the server.
	if _, err := fmt.Fprintf(w, "retry: 500\n\n"); err != nil {
		return
	}
	hello := fmt.Sprintf(`{"id":%q,"build":%d}`, s.id, s.build.Load())
	for _, ev := range []event{{name: "hello", data: hello}, state} {
		if writeEvent(w, ev) != nil {
			return
		}
	}
	flusher.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case ev := <-c:
			if writeEvent(w, ev) != nil {
				return
			}
			flusher.Flush()
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// writeEvent writes ev in the event-stream format; data may span lines.
func writeEvent(w http.ResponseWriter, ev event) error {
	var b strings.Builder
	b.WriteString("event: ")
	b.WriteString(ev.name)
	b.WriteByte('\n')
	for _, line := range strings.Split(ev.data, "\n") {
		b.WriteString("data: ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := fmt.Fprint(w, b.String())
	return err
}
