package slug

// Cache remembers the slugs of names already seen: an archive names the
// same people thousands of times, and transliteration is the costly part
// of building its taxonomies. A Cache is not safe for concurrent use.
type Cache struct{ m map[string]string }

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]string{}} }

// Make returns Make(s), computing it once per distinct s.
func (c *Cache) Make(s string) string {
	if v, ok := c.m[s]; ok {
		return v
	}
	v := Make(s)
	c.m[s] = v
	return v
}
