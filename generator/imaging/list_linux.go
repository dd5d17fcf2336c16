package imaging

import (
	"folio/generator/dirent"

	"golang.org/x/sys/unix"
)

// listFiles lists the regular files of the folder dir with their inode
// numbers, and its device number.
func listFiles(dir string) (map[string]uint64, uint64, error) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, 0, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, 0, err
	}
	entries, err := dirent.Read(fd, make([]byte, 32<<10))
	if err != nil {
		return nil, 0, err
	}
	files := make(map[string]uint64, len(entries))
	for _, e := range entries {
		switch e.Type {
		case unix.DT_REG:
			files[e.Name] = e.Ino
		case unix.DT_UNKNOWN:
			var fst unix.Stat_t
			if unix.Fstatat(fd, e.Name, &fst, unix.AT_SYMLINK_NOFOLLOW) == nil && fst.Mode&unix.S_IFMT == unix.S_IFREG {
				files[e.Name] = fst.Ino
			}
		}
	}
	return files, uint64(st.Dev), nil
}
