package wordpress

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"folio/generator/diag"
)

// isExport reports whether the file p starts as a WordPress export: an
// .xml file naming WordPress's export namespace in its first 8 KB (after
// the comments WordPress writes at its top).
func isExport(p string) bool {
	if !strings.EqualFold(filepath.Ext(p), ".xml") {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8192)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte("wordpress.org/export/"))
}

// detect: src is an export file, or a folder holding export files at
// its top (the parts WordPress splits a large export into).
func detect(src string) bool {
	info, err := os.Stat(src)
	if err != nil {
		return false
	}
	if !info.IsDir() {
		return isExport(src)
	}
	files, _ := exports(src)
	return len(files) > 0
}

// exports lists the export files of src, sorted by name so that
// export-1.xml, export-2.xml… are read in WordPress's order; src may
// be one file.
func exports(src string) ([]string, error) {
	info, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		if !isExport(src) {
			return nil, fmt.Errorf("%s is not a WordPress export (an .xml file from Tools → Export)", diag.Name(src))
		}
		return []string{src}, nil
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		p := filepath.Join(src, e.Name())
		if e.Type().IsRegular() && isExport(p) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no WordPress export (an .xml file from Tools → Export)", diag.Name(src))
	}
	return out, nil
}
