package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"
)

// request asks the test server for path under the Host header host, with
// an Origin header when origin is not empty.
func request(t *testing.T, url, path, host, origin string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if path == eventsPath && resp.StatusCode == 200 {
		return 200, "" // a stream: it does not end
	}
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestRefusesOtherHosts: a request for a name that is not the preview's
// (a page of another site that pointed its name at this machine) is
// refused, pages and events alike, and so is a stream for another
// site's page.
func TestRefusesOtherHosts(t *testing.T) {
	s, hs, _ := newTestServer(t)
	s.AllowHosts("preview.lan", "[fd00::7]")
	port := hs.URL[strings.LastIndex(hs.URL, ":"):]
	for _, host := range []string{"127.0.0.1" + port, "127.0.0.1", "localhost" + port, "LocalHost.", "[::1]" + port, "[::1]", "127.0.0.2:80",
		"preview.lan", "Preview.LAN" + port, "[fd00:0::7]:1313"} {
		if code, _ := request(t, hs.URL, "/", host, ""); code != 200 {
			t.Errorf("Host: %s: %d, want 200", host, code)
		}
		if code, _ := request(t, hs.URL, eventsPath, host, ""); code != 200 {
			t.Errorf("events, Host: %s: %d, want 200", host, code)
		}
	}
	for _, host := range []string{"evil.example", "evil.example" + port, "localhost.evil.example", "preview.lan.evil.example", "192.0.2.1" + port, "[fd00::8]"} {
		code, body := request(t, hs.URL, "/", host, "")
		if code != 403 || !strings.Contains(body, "answers only to the addresses it listens on and to names given with -allow-host") {
			t.Errorf("Host: %q: %d %.80q, want 403 and why", host, code, body)
		}
		if strings.Contains(body, "Kremlin") {
			t.Errorf("Host: %q: the page was served", host)
		}
		if code, _ := request(t, hs.URL, eventsPath, host, ""); code != 403 {
			t.Errorf("events, Host: %q: %d, want 403", host, code)
		}
	}
	// A request without a Host header (HTTP/1.0) is for no name.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = ""
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("no Host: %d, want 403", rec.Code)
	}
	for _, origin := range []string{"http://127.0.0.1" + port, "http://localhost" + port, "https://preview.lan"} {
		if code, _ := request(t, hs.URL, eventsPath, "127.0.0.1"+port, origin); code != 200 {
			t.Errorf("events, Origin: %s: %d, want 200", origin, code)
		}
	}
	for _, origin := range []string{"http://evil.example", "http://evil.example" + port, "null", "file://", "ftp://127.0.0.1"} {
		if code, body := request(t, hs.URL, eventsPath, "127.0.0.1"+port, origin); code != 403 || !strings.Contains(body, "events are for its own pages") {
			t.Errorf("events, Origin: %s: %d %.80q, want 403", origin, code, body)
		}
	}
}

func TestHostsListenedOn(t *testing.T) {
	own := ownAddrs(t)
	every := newHosts(&net.TCPAddr{IP: net.IPv6unspecified, Port: 1313}, nil)
	one := newHosts(&net.TCPAddr{IP: net.IPv4(192, 0, 2, 77), Port: 1313}, nil)
	for _, ip := range own {
		host := net.JoinHostPort(ip.String(), "1313")
		if !every.allows(host) {
			t.Errorf("listening on every address: %s, an address of this machine, is refused", host)
		}
		if !ip.IsLoopback() && one.allows(host) {
			t.Errorf("listening on 192.0.2.77: %s is allowed", host)
		}
	}
	if !one.allows("192.0.2.77:1313") || !one.allows("localhost:1313") {
		t.Error("listening on 192.0.2.77: its own address or localhost refused")
	}
	for _, h := range []*hosts{every, one} {
		if h.allows("203.0.113.9") || h.allows("evil.example") {
			t.Error("an address that is not this machine's, or a name, is allowed")
		}
	}
}

// ownAddrs are the addresses of this machine's interfaces.
func ownAddrs(t *testing.T) []netip.Addr {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	var ips []netip.Addr
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			ip, _ := netip.AddrFromSlice(n.IP)
			ips = append(ips, ip.Unmap())
		}
	}
	return ips
}

// TestURLs: listening on every address, the preview is reached at the
// machine's addresses, and is open to the network; on loopback, it is
// not.
func TestURLs(t *testing.T) {
	urls, open := URLs(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313})
	if !slices.Equal(urls, []string{"http://127.0.0.1:1313/"}) || open {
		t.Errorf("on 127.0.0.1: %q, open %v", urls, open)
	}
	urls, open = URLs(&net.TCPAddr{IP: net.IPv4(192, 0, 2, 77), Port: 8080})
	if !slices.Equal(urls, []string{"http://192.0.2.77:8080/"}) || !open {
		t.Errorf("on 192.0.2.77: %q, open %v", urls, open)
	}
	for _, any := range []net.IP{net.IPv4zero, net.IPv6unspecified} {
		urls, open = URLs(&net.TCPAddr{IP: any, Port: 1313})
		if len(urls) == 0 || urls[0] != "http://127.0.0.1:1313/" || !open {
			t.Errorf("on %s: %q, open %v", any, urls, open)
		}
		for _, ip := range ownAddrs(t) {
			u := "http://" + net.JoinHostPort(ip.String(), "1313") + "/"
			if ip.IsLoopback() {
				continue
			}
			if want := !ip.IsLinkLocalUnicast(); slices.Contains(urls, u) != want {
				t.Errorf("on %s: %q; %s listed: %v, want %v", any, urls, u, !want, want)
			}
		}
	}
}
