package server

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// hosts are the names the preview answers to. A page of another site can
// point a name of its own at this machine (DNS rebinding) and then read
// the preview, drafts included, as a page of its own; the Host header,
// which the browser fills in from the address it was asked for, tells
// such requests apart.
type hosts struct {
	names map[string]bool     // the names the user allowed, as hostName gives them
	addrs map[netip.Addr]bool // the address listened on
	// every is true when listening on every address of the machine: those
	// of its interfaces are accepted too, looked up when asked, since they
	// change while the server runs.
	every bool
}

// newHosts accepts loopback addresses, localhost, the address listen
// (nil: none) and the names allowed.
func newHosts(listen net.Addr, allowed []string) *hosts {
	h := &hosts{names: map[string]bool{"localhost": true}, addrs: map[netip.Addr]bool{}}
	for _, n := range allowed {
		n = hostName(n)
		if ip, err := netip.ParseAddr(n); err == nil {
			n = ip.WithZone("").Unmap().String()
		}
		if n != "" {
			h.names[n] = true
		}
	}
	if a, ok := listen.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(a.IP); ok {
			h.addrs[ip.Unmap()] = true
			h.every = ip.IsUnspecified()
		}
	}
	return h
}

// hostName is the name of a Host header or an Origin's host, without its
// port, brackets, trailing dot or capitals.
func hostName(host string) string {
	if name, _, err := net.SplitHostPort(host); err == nil {
		host = name
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ".")
}

// allows reports whether a request for host, a Host header, is meant for
// this preview; the port does not matter (a tunnel may change it).
func (h *hosts) allows(host string) bool {
	name := hostName(host)
	ip, err := netip.ParseAddr(name)
	if err != nil {
		return name != "" && h.names[name]
	}
	ip = ip.WithZone("").Unmap()
	switch {
	case ip.IsLoopback() || h.addrs[ip] || h.names[ip.String()]:
		return true
	case h.every:
		return ownAddr(ip)
	}
	return false
}

// ownAddr reports whether ip is an address of this machine's interfaces.
func ownAddr(ip netip.Addr) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			if own, ok := netip.AddrFromSlice(n.IP); ok && own.Unmap() == ip {
				return true
			}
		}
	}
	return false
}

// allowsOrigin reports whether an Origin header names a page of this
// preview: an http or https address under a name it answers to.
func (h *hosts) allowsOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && h.allows(u.Host)
}

// refuse answers a request that is not for this preview, saying why.
func refuse(w http.ResponseWriter, why string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusForbidden)
	_, _ = w.Write([]byte(why + "\n"))
}

// URLs are the addresses at which a preview listening on addr can be
// reached, the one on this machine first; open is true when other
// machines can reach them. Listening on every address (0.0.0.0 or ::,
// both of which take IPv4 and IPv6), they are the interfaces' addresses,
// but for link-local ones, which a browser cannot use without the name of
// the interface.
func URLs(addr net.Addr) (urls []string, open bool) {
	a, ok := addr.(*net.TCPAddr)
	if !ok {
		return []string{"http://" + addr.String() + "/"}, true
	}
	port := strconv.Itoa(a.Port)
	at := func(ip netip.Addr) string { return "http://" + net.JoinHostPort(ip.String(), port) + "/" }
	ip, _ := netip.AddrFromSlice(a.IP)
	ip = ip.Unmap()
	if !ip.IsUnspecified() {
		return []string{at(ip)}, !ip.IsLoopback()
	}
	urls = []string{at(netip.AddrFrom4([4]byte{127, 0, 0, 1}))}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		if ip, ok := netip.AddrFromSlice(n.IP); ok && !ip.Unmap().IsLoopback() && !ip.IsLinkLocalUnicast() {
			urls = append(urls, at(ip.Unmap()))
		}
	}
	return urls, true
}
