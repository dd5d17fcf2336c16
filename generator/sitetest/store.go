package sitetest

import (
	"crypto/sha256"
	"sync"
)

// Store keeps byte strings by key in memory, as the build's caches do
// on disk (blobcache), and counts what it is asked: a stand-in for
// content.ArticleStore, search.WordStore and site.RelatedStore. Like blobcache, it may be used
// from several goroutines at once; read its fields once the work is done.
type Store struct {
	mu sync.Mutex
	M  map[[sha256.Size]byte][]byte
	// Hits counts the keys found; Puts the records put.
	Hits, Puts int
}

// NewStore returns an empty Store.
func NewStore() *Store { return &Store{M: map[[sha256.Size]byte][]byte{}} }

// Get returns the record of k, if there is one.
func (s *Store) Get(k [sha256.Size]byte) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.M[k]
	if ok {
		s.Hits++
	}
	return b, ok
}

// Put keeps b as the record of k.
func (s *Store) Put(k [sha256.Size]byte, b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.M[k] = b
	s.Puts++
}

// Keep reports whether there is a record of k, without counting it.
func (s *Store) Keep(k [sha256.Size]byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.M[k]
	return ok
}
