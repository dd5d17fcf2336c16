// Package hugo reads a Hugo site for package migrate.
package hugo

import (
	"errors"
	"os"
	"path/filepath"

	"folio/generator/migrate"
)

// Reader is the Hugo reader.
func Reader() migrate.Reader {
	return migrate.Reader{Name: "Hugo", Detect: Detect, Open: Open}
}

// configNames are the files Hugo reads its configuration from, at the
// site root, in Hugo's order of preference.
var configNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// Detect reports whether src has a Hugo configuration.
func Detect(src string) bool {
	for _, n := range configNames {
		if info, err := os.Stat(filepath.Join(src, n)); err == nil && info.Mode().IsRegular() {
			return true
		}
	}
	info, err := os.Stat(filepath.Join(src, "config", "_default"))
	return err == nil && info.IsDir()
}

// Open prepares to read the Hugo site at src.
func Open(src string, opts migrate.Options) (migrate.Source, error) {
	return nil, errors.New("the Hugo reader is not written yet")
}
