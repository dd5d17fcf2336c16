package main

import (
	"errors"
	"testing"
)

func TestUsableMemory(t *testing.T) {
	meminfo := "MemTotal:       24576000 kB\nMemFree:        20000000 kB\n"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  int64
	}{
		{"the machine's", map[string]string{"/proc/meminfo": meminfo}, 24576000 << 10},
		{"a smaller cgroup's", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "4294967296\n"}, 4 << 30},
		{"a cgroup without limit", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "max\n"}, 24576000 << 10},
		{"cgroup v1 without limit", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"}, 24576000 << 10},
		{"cgroup v1's", map[string]string{"/sys/fs/cgroup/memory/memory.limit_in_bytes": "2147483648\n"}, 2 << 30},
		{"a cgroup's larger than the machine", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "99999999999999\n"}, 24576000 << 10},
		{"nothing", map[string]string{"/proc/meminfo": "garbage"}, 0},
	} {
		read := func(p string) ([]byte, error) {
			if s, ok := c.files[p]; ok {
				return []byte(s), nil
			}
			return nil, errors.New("no such file")
		}
		if got := usableMemory(read); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
