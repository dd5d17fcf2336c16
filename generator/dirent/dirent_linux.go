// Package dirent lists a folder by the system call itself, with each
// entry's type and inode number as the folder holds them: a walk of a
// site's hundreds of thousands of files learns which are folders, and
// which file is which, without looking each one up.
package dirent

import (
	"encoding/binary"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Entry is one name of a folder. Type is one of unix.DT_REG, DT_DIR,
// DT_LNK and the others, or DT_UNKNOWN where the file system does not
// tell (the caller then looks the name up); Ino is the inode number.
type Entry struct {
	Name string
	Ino  uint64
	Type uint8
}

// Read lists the open folder fd from its start, into buf (a buffer of a
// few kilobytes, reused), leaving out "." and "..".
func Read(fd int, buf []byte) ([]Entry, error) {
	var out []Entry
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return out, nil
		}
		out = parse(buf[:n], out)
	}
}

// The layout of struct linux_dirent64: d_ino, d_off, d_reclen, d_type,
// then the name, ended by a zero byte.
const (
	offReclen = unsafe.Offsetof(unix.Dirent{}.Reclen)
	offType   = unsafe.Offsetof(unix.Dirent{}.Type)
	offName   = unsafe.Offsetof(unix.Dirent{}.Name)
)

// parse appends the entries of the records in b to out.
func parse(b []byte, out []Entry) []Entry {
	for len(b) >= int(offName) {
		reclen := int(binary.NativeEndian.Uint16(b[offReclen:]))
		if reclen < int(offName) || reclen > len(b) {
			break // a record cut short: never from the kernel
		}
		rec := b[:reclen]
		b = b[reclen:]
		name := rec[offName:]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		out = append(out, Entry{Name: string(name), Ino: binary.NativeEndian.Uint64(rec), Type: rec[offType]})
	}
	return out
}
