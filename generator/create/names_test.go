package create_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"folio/generator/create"
)

// manyKnown is an archive that knows n people and a few places.
func manyKnown(n int) create.Known {
	people := map[string]string{"Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin"}
	for i := range n {
		name := fmt.Sprintf("Person %05d", i)
		people[name] = name
	}
	return create.Known{
		"people": people,
		"places": {"Kyiv": "Kyiv", "Kyiv Oblast": "Kyiv Oblast"},
	}
}

// An archive knows tens of thousands of names: each must not cost a
// search of the text. The names come in the order the text first names
// them, aliases as their profile's name, whole words only.
func TestImportFindsKnownNamesAmongMany(t *testing.T) {
	text := "Title\n\nPerson 19999 met Putin in Kyiv Oblast. Later Person 00042 and Vladimir Putin went to Kyivan towns, " +
		"and Thomas Graham of the National Security Council said Person 19999 was there.\n"
	a := create.Parse([]byte(text), manyKnown(20_000))
	if want := []string{"Person 19999", "Vladimir Putin", "Person 00042"}; !slices.Equal(a.Terms["people"], want) {
		t.Errorf("people %q, want %q", a.Terms["people"], want)
	}
	// Kyiv stands in "Kyiv Oblast" as a whole word too, but not in
	// "Kyivan"; at one place the longer name comes first.
	if want := []string{"Kyiv Oblast", "Kyiv"}; !slices.Equal(a.Terms["places"], want) {
		t.Errorf("places %q, want %q", a.Terms["places"], want)
	}
	// Runs of capitalised words across a line break ("Title Person") are
	// suggested as before; names the archive knows are not.
	if want := []string{"Title Person", "Later Person", "Thomas Graham", "National Security Council"}; !slices.Equal(a.Suggested, want) {
		t.Errorf("suggested %q, want %q", a.Suggested, want)
	}
}

func BenchmarkImportManyKnownNames(b *testing.B) {
	known := manyKnown(50_000)
	text := []byte("Title\n\n" + strings.Repeat("Person 00042 met Putin in Kyiv. A long day of talks followed. ", 2000))
	for b.Loop() {
		create.Parse(text, known)
	}
}
