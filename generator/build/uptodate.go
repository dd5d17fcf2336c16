package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/output"
	"folio/generator/parallel"
	"folio/generator/permalinks"
	"folio/generator/render"
	"folio/generator/sitedata"
	"folio/generator/srcfile"
)

// A build records what it was made from in a state file beside the output
// folder (.public.folio-state for public/). The next build with the same
// sources, options and generator finds nothing to do and leaves the output
// as it is: rebuilding a large archive nobody changed costs a folder walk
// instead of a full build.

// stateVersion changes when the state file's format does.
const stateVersion = 1

// state is what a successful build depended on and reported.
type state struct {
	Version int
	// Inputs is the fingerprint of the sources, options and generator.
	Inputs [sha256.Size]byte
	// Output is the ID in the output folder's marker: the state describes
	// that folder and no other.
	Output string
	// Pending is the ID of a site being swapped into place: a build
	// killed between the swap and its final record leaves the output
	// folder with that ID, which is still ours.
	Pending string
	// Unrecorded is true when Inputs could not be taken (see
	// fingerprint): the state then only records whose the output is.
	Unrecorded bool
	// Due is when an article left out for its future date comes due, and
	// the site must be built again; zero when none is waiting.
	Due    time.Time
	Result Result
}

// fingerprint hashes everything a build reads: the generator's executable,
// the options, and the path, type, size and modification time of every
// file of config.yaml, content/, data/, layouts/ and static/. It reports false
// when it cannot tell (no executable to read), or when a file changed so
// recently that a second change within the file system's timestamp
// granularity could go unseen: such sources are not worth recording.
//
// exe is the generator's own hash (executableSum), nil when it could not
// be taken.
//
// Unless opts.Force is set (the build then does not wait for it), it
// also returns what it found of the files of content/articles, by their
// site paths (content/articles/2024/x.md), for the build to take instead
// of looking each up again; nil when it reports false.
func fingerprint(opts Options, now time.Time, exe *[sha256.Size]byte) ([sha256.Size]byte, bool, map[string]fs.FileInfo) {
	var sum [sha256.Size]byte
	if exe == nil {
		return sum, false, nil
	}
	h := sha256.New()
	h.Write(exe[:])
	fmt.Fprintf(h, "\x00%d\x00%t\x00%t\x00%t\x00%t\x00%q\x00", stateVersion, opts.Drafts, opts.Future, opts.Expired, opts.Fingerprint, opts.BaseURL)
	// The folders are listed first, in order, and their files looked up
	// after, on every core: at 200,000 articles, one core took a second
	// doing both in turn, before a build could tell it had nothing to do.
	type found struct {
		rel  string // slash-separated, from the site root
		path string
		d    fs.DirEntry
		info fs.FileInfo
		err  error
	}
	var all []found
	for _, top := range []string{config.FileName, "content", sitedata.Dir, render.LayoutsDir, staticDir} {
		err := filepath.WalkDir(filepath.Join(opts.Source, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(opts.Source, p)
			if rel = filepath.ToSlash(rel); rel == permalinks.File {
				// The build's own record, written after it: a site
				// that changed nothing else is up to date.
				return nil
			}
			all = append(all, found{rel: rel, path: p, d: d})
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return sum, false, nil
		}
	}
	parallel.For(len(all), func() func(int) {
		return func(i int) {
			f := &all[i]
			if f.info, f.err = f.d.Info(); f.err == nil && f.info.Mode()&fs.ModeSymlink != 0 {
				// What a link points to counts, as the build reads it.
				if target, err := os.Stat(f.path); err == nil {
					f.info = target
				}
			}
		}
	})
	newest := time.Time{}
	var line []byte
	var articles map[string]fs.FileInfo
	if !opts.Force {
		articles = map[string]fs.FileInfo{}
	}
	for _, f := range all {
		if f.err != nil {
			return sum, false, nil
		}
		line = append(append(line[:0], f.rel...), 0)
		line = strconv.AppendUint(line, uint64(f.info.Mode()), 10)
		if f.d.IsDir() {
			// A folder by its name alone: what it holds is in the walk,
			// and its time changes with files folio writes itself (the
			// record of permalinks). A link to one still counts by its
			// target's time, as the walk does not go through it.
			h.Write(append(line, '\n'))
			continue
		}
		if articles != nil && strings.HasPrefix(f.rel, articlesPrefix) {
			articles[f.rel] = f.info
		}
		line = strconv.AppendInt(append(line, 0), f.info.Size(), 10)
		line = strconv.AppendInt(append(line, 0), f.info.ModTime().UnixNano(), 10)
		h.Write(append(line, '\n'))
		if f.info.ModTime().After(newest) {
			newest = f.info.ModTime()
		}
	}
	h.Sum(sum[:0])
	// Some file systems keep times to the second or two.
	return sum, newest.Before(now.Add(-2 * time.Second)), articles
}

// articlesPrefix begins the site paths of the files of content/articles.
const articlesPrefix = content.ArticlesDir + "/"

// statePath is the state file of the output folder dest.
func statePath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".folio-state")
}

// lastState returns the state of the last build into dest, or nil. It is
// read only from a regular file, not through a link.
func lastState(dest string) *state {
	p := statePath(dest)
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
		return nil
	}
	b, err := srcfile.Read(p, srcfile.MaxText)
	if err != nil {
		return nil
	}
	var st state
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&st); err != nil || st.Version != stateVersion {
		return nil
	}
	return &st
}

// owned are the build IDs that the output folder may carry as ours,
// none when there is no state.
func (st *state) owned() []string {
	if st == nil {
		return nil
	}
	var ids []string
	for _, id := range []string{st.Output, st.Pending} {
		if id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// savePending records, before a swap, that the output folder is about to
// carry the build ID pending: whichever moment a kill strikes, the folder
// holds a site whose ID is on record.
func savePending(dest string, last *state, pending string) error {
	st := state{Version: stateVersion, Unrecorded: true}
	if last != nil {
		st.Output = last.Output
		// A build killed after its site went in, before it recorded it,
		// left the folder carrying its ID, the last pending one: that is
		// now the site on record, which the old site set aside beside the
		// folder carries too, for the next build to remove.
		if id, err := output.ID(dest); err == nil && id == last.Pending {
			st.Output = id
		}
	}
	st.Pending = pending
	return writeState(dest, &st)
}

// upToDate returns the result of the build that st (nil for none)
// records when it had the same inputs, dest is still the folder it
// wrote, and no article has come due since.
func (st *state) upToDate(dest string, inputs [sha256.Size]byte, now time.Time) (*Result, bool) {
	if st == nil || st.Unrecorded || st.Inputs != inputs || (!st.Due.IsZero() && !now.Before(st.Due)) {
		return nil, false
	}
	if id, err := output.ID(dest); err != nil || id != st.Output {
		return nil, false
	}
	res := st.Result
	res.UpToDate = true
	return &res, true
}

// saveState records a successful build into dest: whose the folder is
// (the next build replaces it only if the state names its marker's ID),
// and, when recorded is true, what it was made from. It writes a new file
// under a name of its own (O_EXCL, so no link planted beside the output
// is followed) and renames it into place, which replaces a link rather
// than writing through it.
func saveState(dest, outputID string, inputs [sha256.Size]byte, recorded bool, due time.Time, res *Result) error {
	st := state{Version: stateVersion, Inputs: inputs, Output: outputID, Unrecorded: !recorded, Due: due, Result: *res}
	st.Result.Rendered, st.Result.Removed = nil, nil
	return writeState(dest, &st)
}

// writeState writes st beside dest.
func writeState(dest string, st *state) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(st); err != nil {
		return err
	}
	return atomicfile.Write(statePath(dest), b.Bytes())
}
