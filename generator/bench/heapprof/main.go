// Command heapprof builds a site as `go run ./generator` does and writes
// a heap profile of the moment its heap was largest, for memory claims:
// what a build holds at its peak, not what it allocated over its life.
//
//	go run ./generator/bench/heapprof -source SITE -dest OUT -o heap.prof
//	go tool pprof -sample_index=inuse_space -top heap.prof
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"folio/generator/build"
)

func main() {
	var opts build.Options
	flag.StringVar(&opts.Source, "source", ".", "site `folder`")
	flag.StringVar(&opts.Dest, "dest", "", "output `folder`")
	flag.BoolVar(&opts.Force, "force", false, "render every page")
	out := flag.String("o", "heap.prof", "profile `file`")
	every := flag.Duration("every", 250*time.Millisecond, "how often the heap is looked at")
	flag.Parse()
	// Every allocation is sampled at 1 MiB granularity's default; finer
	// sampling costs time but tells small objects apart.
	runtime.MemProfileRate = 64 << 10

	var mu sync.Mutex
	var best bytes.Buffer
	var peak uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(*every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			// A collection first, so that the profile is of live data.
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mu.Lock()
			if ms.HeapAlloc > peak {
				peak = ms.HeapAlloc
				best.Reset()
				_ = pprof.Lookup("heap").WriteTo(&best, 0)
			}
			mu.Unlock()
		}
	}()
	res, err := build.Run(opts)
	close(done)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mu.Lock()
	defer mu.Unlock()
	if err := os.WriteFile(*out, best.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d articles; live heap at its largest %d MiB; profile in %s\n", res.Articles, peak>>20, *out)
}
