//go:build !linux

package wpbody

import "time"

// threadTime is the time since the test began, where the thread's own
// CPU time is not at hand.
func threadTime() time.Duration { return time.Since(began) }

var began = time.Now()
