//go:build !linux

package output

// exchange swaps two folders; elsewhere than Linux it takes two renames.
func exchange(a, b string) error { return swapByRenames(a, b) }
