package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/sitetest"
)

// import once read /dev/zero until it was killed, and took a program for
// an article: each input is a regular text file of at most 64 MiB.
func TestImportRefusesDevicesAndPrograms(t *testing.T) {
	t.Parallel()
	root := sitetest.Copy(t, "..")
	exe, err := os.Executable() // this test's own ELF binary
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("word "), 13<<20+1), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run([]string{"import", "-source", root, "/dev/zero", exe, big}, &stdout, &stderr) }()
	select {
	case code := <-done:
		if code != 1 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(time.Minute):
		t.Fatal("import hung")
	}
	for _, want := range []string{
		"/dev/zero: not a regular file: it is a character device\n",
		exe + ": not text but an executable program (ELF): import takes raw text or a saved web page\n",
		big + ": file too large: it is larger than 64 MiB, the most the generator reads of one file\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() > 0 {
		t.Errorf("something was imported: %s", stdout.String())
	}
}
