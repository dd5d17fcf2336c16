package main

import (
	"context"
	"folio/generator/sitetest"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// serving runs serve with args until stop is called, which returns its
// exit code; it waits until serve says where it is.
func serving(t *testing.T, args ...string) (stdout, stderr *sitetest.Buffer, stop func() int) {
	t.Helper()
	stdout, stderr = &sitetest.Buffer{}, &sitetest.Buffer{}
	code := make(chan int, 1)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { code <- serveCmd(ctx, args, stdout, stderr) }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "pages changed") {
		select {
		case c := <-code:
			t.Fatalf("serve stopped with %d:\n%s%s", c, stdout, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not build within 30 s:\n%s%s", stdout, stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopped := false
	stop = func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel() // what Ctrl-C does

		select {
		case c := <-code:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop within 10 s of Ctrl-C")
		}
		return 0
	}
	t.Cleanup(func() { stop() })
	return stdout, stderr, stop
}

// tree lists the files and folders below dir with their sizes and times.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b.WriteString(p + " " + info.Mode().String() + " " + info.ModTime().String())
		if !d.IsDir() {
			b.WriteString(" " + strconv.FormatInt(info.Size(), 10))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func getHost(t *testing.T, url, host string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeOnEveryAddress: bound to every address, serve says where other
// machines reach it and warns that they can; it answers to the names it
// has and to those allowed, and to no other. It writes nothing beside
// the site, nor in it (its image cache, made by a build before, is only
// read), and locks nothing.
func TestServeOnEveryAddress(t *testing.T) {
	root := sitetest.Copy(t, "..")
	parent := filepath.Dir(root)
	// A build first, which makes the image and article caches serve then
	// reads: with them warm, serve writes no file at all. The files just
	// copied are too new to be known by their stamps (build/stamps.go's
	// racy): a build that finds them so would record them, so the build
	// waits until they are old enough.
	time.Sleep(2100 * time.Millisecond)
	if code := run([]string{"-source", root, "-dest", filepath.Join(t.TempDir(), "public")}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("build: %d", code)
	}
	before := tree(t, parent)
	stdout, stderr, stop := serving(t, "-source", root, "-bind", "0.0.0.0", "-port", "0", "-allow-host", "preview.lan, Other.lan", "-allow-host=third.lan")
	first := regexp.MustCompile(`serving .* at (http://127\.0\.0\.1:(\d+)/) `).FindStringSubmatch(stdout.String())
	if first == nil {
		t.Fatalf("no address on this machine in:\n%s", stdout)
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		ip := a.(*net.IPNet).IP
		if ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		url := "http://" + net.JoinHostPort(ip.String(), first[2]) + "/"
		if !strings.Contains(stdout.String(), url) {
			t.Errorf("%s, an address of this machine, is not listed:\n%s", url, stdout)
		}
		if code := getHost(t, url, ""); code != 200 {
			t.Errorf("%s: %d", url, code)
		}
	}
	if !strings.Contains(stderr.String(), "warning: the preview is open to your network") {
		t.Errorf("no warning that the network can see the preview:\n%s", stderr)
	}
	for host, want := range map[string]int{"preview.lan": 200, "other.lan:80": 200, "third.lan": 200, "localhost": 200, "evil.example": 403} {
		if code := getHost(t, first[1], host); code != want {
			t.Errorf("Host: %s: %d, want %d", host, code, want)
		}
	}
	// While it serves, this process holds no file lock.
	if locks, err := os.ReadFile("/proc/locks"); err == nil {
		pid := strconv.Itoa(os.Getpid())
		for _, line := range strings.Split(string(locks), "\n") {
			if f := strings.Fields(line); len(f) > 4 && f[4] == pid {
				t.Errorf("serve holds a lock: %s", line)
			}
		}
	}
	if code := stop(); code != 0 {
		t.Errorf("serve stopped with %d:\n%s", code, stderr)
	}
	if after := tree(t, parent); after != before {
		t.Errorf("serve changed files:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestServeOnLoopback: bound to loopback, the default, serve gives one
// address and no warning.
func TestServeOnLoopback(t *testing.T) {
	root := sitetest.Copy(t, "..")
	stdout, stderr, _ := serving(t, "-source", root, "-port", "0")
	if !regexp.MustCompile(`^serving .* at http://127\.0\.0\.1:\d+/ \(Ctrl-C to stop\)\n`).MatchString(stdout.String()) || strings.Contains(stdout.String(), "other machines") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("a warning on loopback:\n%s", stderr)
	}
}
