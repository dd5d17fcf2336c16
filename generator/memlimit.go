package main

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
)

// memoryLimit gives the Go runtime a soft limit of three quarters of the
// memory the process may have (its control group's limit, else the
// machine's), unless GOMEMLIMIT sets one. Without it the heap may grow
// to twice what a build holds before it is collected: at a million
// articles that is more than a 24 GiB machine has, and the system kills
// the build; with it, the collector works harder as the limit nears.
func memoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if n := usableMemory(os.ReadFile); n > 0 {
		debug.SetMemoryLimit(n / 4 * 3)
	}
}

// usableMemory is the memory the process may have, in bytes, read with
// read: the smaller of its control group's limit (version 2, then 1)
// and the machine's memory; 0 when neither can be read.
func usableMemory(read func(string) ([]byte, error)) int64 {
	var best int64
	take := func(n int64) {
		if n > 0 && (best == 0 || n < best) {
			best = n
		}
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := read(p); err == nil {
			// "max", or version 1's 2^63 rounded to a page: no limit.
			if n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64); err == nil && n < 1<<62 {
				take(n)
			}
		}
	}
	if b, err := read("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			f := bytes.Fields(sc.Bytes())
			if len(f) == 3 && string(f[0]) == "MemTotal:" && string(f[2]) == "kB" {
				if n, err := strconv.ParseInt(string(f[1]), 10, 64); err == nil {
					take(n << 10)
				}
			}
		}
	}
	return best
}
