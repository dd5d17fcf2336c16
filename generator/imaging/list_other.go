//go:build !linux

package imaging

import "os"

// listFiles lists the regular files of the folder dir; their inode
// numbers are not known here (0).
func listFiles(dir string) (map[string]uint64, uint64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, err
	}
	files := make(map[string]uint64, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() {
			files[e.Name()] = 0
		}
	}
	return files, 0, nil
}
