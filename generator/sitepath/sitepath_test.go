package sitepath

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithin(t *testing.T) {
	tests := []struct {
		path, dir string
		want      bool
	}{
		{"/site", "/site", true},
		{"/site/content/a.md", "/site", true},
		{"/site-other/a.md", "/site", false},
		{"/etc/passwd", "/site", false},
		{"/site/../etc", "/site", false},
		{"/", "/site", false},
	}
	for _, tt := range tests {
		if got := Within(filepath.Clean(tt.path), tt.dir); got != tt.want {
			t.Errorf("Within(%q, %q) = %v", tt.path, tt.dir, got)
		}
	}
}

func TestRealFollowsLinks(t *testing.T) {
	dir, err := Real(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "target"), nil, 0o644)
	os.Symlink(filepath.Join(dir, "target"), filepath.Join(dir, "link"))
	if got, err := Real(filepath.Join(dir, "link")); err != nil || got != filepath.Join(dir, "target") {
		t.Errorf("Real(link) = %q, %v", got, err)
	}
}
