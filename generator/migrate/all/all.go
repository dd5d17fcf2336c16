// Package all lists the readers of package migrate, one per tool. It is
// apart from migrate so that the readers can import migrate without a
// cycle; a new reader is added to the list here.
package all

import (
	"folio/generator/migrate"
	"folio/generator/migrate/hugo"
	"folio/generator/migrate/jekyll"
	"folio/generator/migrate/wordpress"
)

// Readers returns every reader, in the order detection tries them.
func Readers() []migrate.Reader {
	return []migrate.Reader{
		hugo.Reader(),
		jekyll.Reader(),
		jekyll.EleventyReader(),
		wordpress.Reader(),
	}
}
