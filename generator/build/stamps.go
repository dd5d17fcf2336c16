package build

import (
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// stampsFile, in the article cache's folder, remembers the hash of every
// article file the last build read, with the file's stamp (size, times,
// inode): a build whose files carry the same stamps takes their articles
// from the cache without reading them, as git and make judge a file. At
// 200,000 articles, reading and hashing every file was most of what a
// build after one edit did.
const stampsFile = "stamps"

// stampsMagic begins stampsFile, then the SHA-256 of what follows: a
// file cut short or changed by hand is not trusted.
const stampsMagic = "folio article stamps 1\n"

// stamp is what a file's metadata says of its content: any write changes
// its change time, and a file put in its place has another inode. Its
// zero value is no stamp (on a system without change times).
type stamp struct {
	size, mtime, ctime int64
	ino                uint64
}

// stamps maps an article file to its stamp and hash.
type stamps map[string]stampEntry

type stampEntry struct {
	stamp stamp
	sum   [sha256.Size]byte
}

// racy is how close to a build's start a file may have been changed
// and still be trusted by its stamp: a file written within the same
// tick of a coarse clock as it was read could change again unseen, as
// git's racy-clean check knows.
const racy = 2 * time.Second

// readStamps reads the stamps the last build wrote in dir; none when
// there are none, or they cannot be trusted.
func readStamps(dir string) stamps {
	b, err := srcfile.ReadExact(filepath.Join(dir, stampsFile), 1<<30)
	head := len(stampsMagic) + sha256.Size
	if err != nil || len(b) < head || string(b[:len(stampsMagic)]) != stampsMagic ||
		sha256.Sum256(b[head:]) != [sha256.Size]byte(b[len(stampsMagic):head]) {
		return nil
	}
	out := stamps{}
	for b = b[head:]; len(b) > 0; {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < 4*8+sha256.Size || n > uint64(len(b)-k-4*8-sha256.Size) {
			return nil
		}
		name := string(b[k : k+int(n)])
		b = b[k+int(n):]
		var e stampEntry
		e.stamp.size = int64(binary.LittleEndian.Uint64(b))
		e.stamp.mtime = int64(binary.LittleEndian.Uint64(b[8:]))
		e.stamp.ctime = int64(binary.LittleEndian.Uint64(b[16:]))
		e.stamp.ino = binary.LittleEndian.Uint64(b[24:])
		e.sum = [sha256.Size]byte(b[32 : 32+sha256.Size])
		b = b[32+sha256.Size:]
		out[name] = e
	}
	return out
}

// fileWriter puts a file in the article cache's folder, whole, under
// the cache's lock (blobcache.Cache.WriteFile): a temporary file that a
// killed build left is then removed by the next.
type fileWriter interface {
	WriteFile(name string, b []byte) error
}

// writeStamps writes s with w, in place of the last build's, never
// through a link planted there.
func writeStamps(w fileWriter, s stamps) error {
	// One buffer, sized once, and the header written into its front: at
	// 200,000 articles the stamps are 28 MB, saved after every edit.
	names := slices.Sorted(maps.Keys(s))
	head := len(stampsMagic) + sha256.Size
	size := head
	for _, name := range names {
		size += binary.MaxVarintLen64 + len(name) + 4*8 + sha256.Size
	}
	out := make([]byte, head, size)
	for _, name := range names {
		e := s[name]
		out = binary.AppendUvarint(out, uint64(len(name)))
		out = append(out, name...)
		out = binary.LittleEndian.AppendUint64(out, uint64(e.stamp.size))
		out = binary.LittleEndian.AppendUint64(out, uint64(e.stamp.mtime))
		out = binary.LittleEndian.AppendUint64(out, uint64(e.stamp.ctime))
		out = binary.LittleEndian.AppendUint64(out, e.stamp.ino)
		out = append(out, e.sum[:]...)
	}
	copy(out, stampsMagic)
	sum := sha256.Sum256(out[head:])
	copy(out[len(stampsMagic):], sum[:])
	return w.WriteFile(stampsFile, out)
}

// stampBook is the stamps of one build: the last build's, read as it
// starts, and the folder its own go to. A nil book (its folder could not
// be made) knows no file and saves nothing.
type stampBook struct {
	dir   string
	last  stamps
	start time.Time
}

// openStamps reads the last build's stamps, in the article cache's folder
// inside the site (made when missing, never through a link).
func (b *Builder) openStamps() *stampBook {
	dir, err := sitepath.MkdirInside(b.src, ArticlesCache)
	if err != nil {
		return nil
	}
	return &stampBook{dir: dir, last: readStamps(dir), start: time.Now()}
}

// known returns what the last build's stamps say of the files now
// stamped so (infos): the hash of each whose stamp is the same.
func (k *stampBook) known(infos map[string]fs.FileInfo) func(string) ([sha256.Size]byte, bool) {
	if k == nil || len(k.last) == 0 {
		return nil
	}
	return func(name string) ([sha256.Size]byte, bool) {
		e, ok := k.last[name]
		if !ok || e.stamp == (stamp{}) {
			return [sha256.Size]byte{}, false
		}
		st, ok := stampOf(infos[name])
		return e.sum, ok && st == e.stamp
	}
}

// save writes the stamps of the articles read (files, stamped so by
// infos) with w for the next build, unless they are the last build's.
func (k *stampBook) save(w fileWriter, files map[string]*entry, infos map[string]fs.FileInfo) {
	if k == nil {
		return
	}
	if next := stampsOf(files, infos, k.start); !maps.Equal(next, k.last) {
		_ = writeStamps(w, next) // without them, the next build reads every file
	}
}

// stampsOf makes the stamps of the articles read (files), for the next
// build: those read whole, of files not changed within racy of the
// build's start.
func stampsOf(files map[string]*entry, infos map[string]fs.FileInfo, start time.Time) stamps {
	out := make(stamps, len(files))
	for name, e := range files {
		if e.article == nil || len(e.probs.Errors()) > 0 {
			continue
		}
		st, ok := stampOf(infos[name])
		if !ok || start.Sub(time.Unix(0, st.mtime)) < racy || start.Sub(time.Unix(0, st.ctime)) < racy {
			continue
		}
		out[name] = stampEntry{stamp: st, sum: e.article.Sum}
	}
	return out
}
