package wordpress

import (
	"errors"
	"os"
	"runtime"

	"folio/generator/migrate"
)

// The second pass converts bodies on every core: the reader parses the
// exports, a bounded pool of workers runs item() for each item against a
// recorder, and the emitter (the caller of walkItems) replays what each
// item did to the real sink in the exports' order, so that the new site
// and its report are the same bytes as one item at a time would make.

// inFlight is how many items, per worker, may be read ahead of the one
// being written: enough to keep the workers busy while one post is slow,
// few enough that memory stays a few posts per core.
const inFlight = 4

// job is one item on its way through the pipeline.
type job struct {
	file string
	it   *Item
	rec  recorder
	err  error
	done chan struct{}
}

// errStopped ends the reader when the emitter has stopped on an error.
var errStopped = errors.New("walk stopped")

// walkItems runs item() for every item of the exports, on s.workers
// workers (GOMAXPROCS when 0), and hands what each did to sink in order.
func (s *source) walkItems(sink migrate.Sink) error {
	n := s.workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if n == 1 {
		return s.readItems(func(file string, it *Item) error { return s.item(sink, file, it) })
	}
	order := make(chan *job, n*inFlight)
	work := make(chan *job, n)
	stop := make(chan struct{})
	workersDone := make(chan struct{})
	for range n {
		go func() {
			for j := range work {
				j.err = s.item(&j.rec, j.file, j.it)
				j.it = nil // the emitter needs only the record
				close(j.done)
			}
			workersDone <- struct{}{}
		}()
	}
	var readErr error
	go func() {
		defer close(order)
		defer close(work)
		readErr = s.readItems(func(file string, it *Item) error {
			j := &job{file: file, it: it, done: make(chan struct{})}
			select {
			case order <- j:
			case <-stop:
				return errStopped
			}
			work <- j // workers never wait on anything but work
			return nil
		})
	}()
	var err error
	for j := range order {
		if err != nil {
			continue // drain, so that the reader ends
		}
		<-j.done
		if err = j.err; err == nil {
			err = j.rec.replay(sink)
		}
		if err != nil {
			close(stop)
		}
	}
	for range n {
		<-workersDone
	}
	if err != nil {
		return err
	}
	return readErr
}

// readItems parses the exports in order and calls fn on each item.
func (s *source) readItems(fn func(file string, it *Item) error) error {
	for i, p := range s.files {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		name := s.names[i]
		err = Parse(newBodyKeeper(f), name, Handler{Item: func(it *Item) error { return fn(name, it) }})
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// recorder is the sink item() writes to on a worker: it keeps the calls
// for the emitter to replay.
type recorder struct {
	calls []call
}

type callKind int

const (
	callArticle callKind = iota
	callProfile
	callPage
	callCopy
	callFile
	callNote
	callCopyFile
)

type call struct {
	kind      callKind
	doc       *migrate.Doc
	note      migrate.Item
	src, dest string
	rel       string
	data      []byte
	fileKind  migrate.Kind
}

func (r *recorder) Article(d *migrate.Doc) error {
	r.calls = append(r.calls, call{kind: callArticle, doc: d})
	return nil
}

func (r *recorder) Profile(d *migrate.Doc) error {
	r.calls = append(r.calls, call{kind: callProfile, doc: d})
	return nil
}

func (r *recorder) Page(d *migrate.Doc) error {
	r.calls = append(r.calls, call{kind: callPage, doc: d})
	return nil
}

func (r *recorder) Copy(src, dest string) error {
	r.calls = append(r.calls, call{kind: callCopy, src: src, dest: dest})
	return nil
}

// CopyFile is replayed, in order, on the copyOnce sink: the file is
// copied once, by the first item linking to it. item() checked with
// migrate.CheckCopy that it can be, so that the link was decided at once.
func (r *recorder) CopyFile(dir, rel, dest string, kind migrate.Kind) error {
	r.calls = append(r.calls, call{kind: callCopyFile, src: dir, rel: rel, dest: dest, fileKind: kind})
	return nil
}

func (r *recorder) File(dest string, data []byte, kind migrate.Kind) error {
	r.calls = append(r.calls, call{kind: callFile, dest: dest, data: data, fileKind: kind})
	return nil
}

func (r *recorder) Note(it migrate.Item) {
	r.calls = append(r.calls, call{kind: callNote, note: it})
}

// replay makes the recorded calls on sink, stopping at the first error
// as item() would have.
func (r *recorder) replay(sink migrate.Sink) error {
	for _, c := range r.calls {
		var err error
		switch c.kind {
		case callArticle:
			err = sink.Article(c.doc)
		case callProfile:
			err = sink.Profile(c.doc)
		case callPage:
			err = sink.Page(c.doc)
		case callCopy:
			err = sink.Copy(c.src, c.dest)
		case callFile:
			err = sink.File(c.dest, c.data, c.fileKind)
		case callCopyFile:
			err = sink.CopyFile(c.src, c.rel, c.dest, c.fileKind)
		case callNote:
			sink.Note(c.note)
		}
		if err != nil {
			return err
		}
	}
	r.calls = nil
	return nil
}
