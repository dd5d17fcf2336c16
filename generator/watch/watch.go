// Package watch reports changes to a site's sources: config.yaml and
// everything below content/, data/, layouts/ and static/, including folders
// created, renamed or deleted while it runs. Bursts of events (an editor's
// save-by-rename, a git checkout of a thousand files) are coalesced into
// one batch.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// sourceDirs are the folders watched, recursively, below the site root.
func sourceDirs() []string { return []string{"content", "data", "layouts", "static"} }

// ConfigFile is the file watched at the site root.
const ConfigFile = "config.yaml"

// Watcher watches one site.
type Watcher struct {
	root string
	fw   *fsnotify.Watcher
	// Quiet is how long the sources must stay unchanged before a batch is
	// sent; MaxDelay bounds how long a steady stream of changes can hold
	// a batch back.
	Quiet, MaxDelay time.Duration
}

// New starts watching the site at root.
func New(root string) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, fw: fw, Quiet: 10 * time.Millisecond, MaxDelay: time.Second}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range sourceDirs() {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fw.Close() }

// addTree watches dir and every folder below it. Folders that vanish
// meanwhile are skipped: their removal is an event of its own.
func (w *Watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir // .git and the like hold no sources
			}
			_ = w.fw.Add(p)
		}
		return nil
	})
}

// forget drops the watches of a folder that moved or vanished, and of the
// folders below it. The kernel keeps watching a moved folder under its old
// name; without this, re-adding it under the new name would keep the old
// name, and the move's late notice would then remove the watch.
func (w *Watcher) forget(name string) {
	prefix := name + string(filepath.Separator)
	for _, p := range w.fw.WatchList() {
		if p == name || strings.HasPrefix(p, prefix) {
			_ = w.fw.Remove(p)
		}
	}
}

// Run sends batches of changed paths, relative to the root and
// slash-separated, until ctx is done. A nil batch means that events were
// lost and anything may have changed.
func (w *Watcher) Run(ctx context.Context, batches chan<- []string) error {
	pending := map[string]bool{}
	lost := false
	var quiet, deadline <-chan time.Time
	flush := func() {
		var batch []string
		if !lost {
			batch = make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			slices.Sort(batch)
		}
		clear(pending)
		lost, quiet, deadline = false, nil, nil
		select {
		case batches <- batch:
		case <-ctx.Done():
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fw.Events:
			if !ok {
				return nil
			}
			rel, relevant := w.relevant(ev)
			if !relevant {
				continue
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				w.forget(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					// Files may land in it before the watch is in place:
					// the folder itself is reported, so the build lists
					// it again.
					w.addTree(ev.Name)
				}
			}
			pending[rel] = true
			if deadline == nil {
				deadline = time.After(w.MaxDelay)
			}
			quiet = time.After(w.Quiet)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				lost = true
				if deadline == nil {
					deadline = time.After(w.MaxDelay)
				}
				quiet = time.After(w.Quiet)
				continue
			}
			return err
		case <-quiet:
			flush()
		case <-deadline:
			flush()
		}
	}
}

// relevant maps an event to a site path, or reports that the event does
// not concern the sources.
func (w *Watcher) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false // permissions and touch: the content is the same
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == ConfigFile {
		return rel, true
	}
	top, _, _ := strings.Cut(rel, "/")
	for _, d := range sourceDirs() {
		if top == d {
			return rel, true
		}
	}
	return "", false
}
