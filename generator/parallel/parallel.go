// Package parallel spreads independent work over every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls the function that newWorker returns for every i in [0, n),
// on one goroutine per core. Each goroutine calls newWorker once, so a
// worker can keep scratch space of its own between items. Items are
// handed out one at a time, so that a few slow items do not leave a core
// idle.
func For(n int, newWorker func() func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				work(i)
			}
		}()
	}
	wg.Wait()
}
