//go:build race

package build_test

// raceEnabled is true when the tests run with -race, which makes them
// several times slower and hungrier.
const raceEnabled = true
