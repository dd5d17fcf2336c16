package site

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/sitetest"
)

// relatedOf lists every article's related articles by path.
func relatedOf(s *Site) string {
	var b strings.Builder
	for _, a := range s.Articles {
		b.WriteString(a.Path + ":")
		for _, r := range a.Related {
			b.WriteString(" " + r.Path)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestRelatedKept: a build whose articles have the dates and subjects of
// a build before takes its related lists from the store, and they are
// the lists it would make; a change of a date, a subject or a term's
// spelling into another term makes them anew; a damaged record is made
// anew too, and a summary's edit is not a change.
func TestRelatedKept(t *testing.T) {
	corpus := func(edit func(i int, date string, terms map[string][]string) (string, map[string][]string)) []*content.Article {
		var arts []*content.Article
		for i := range 30 {
			d := time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			terms := map[string][]string{"topics": {"Topic " + strconv.Itoa(i%4)}, "people": {"Person " + strconv.Itoa(i%7)}, "authors": {"Author " + strconv.Itoa(i%3)}}
			if edit != nil {
				d, terms = edit(i, d, terms)
			}
			arts = append(arts, art("content/articles/a"+strconv.Itoa(i)+".md", d, terms))
		}
		return arts
	}
	store := sitetest.NewStore()
	build := func(step string, arts []*content.Article, wantPuts int) {
		t.Helper()
		fresh, probs := Assemble(config.Default(), arts, nil, nil)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		puts := store.Puts
		kept, _ := AssembleKeeping(config.Default(), arts, nil, nil, store)
		if got, want := relatedOf(kept), relatedOf(fresh); got != want {
			t.Errorf("%s: kept lists\n%s\nwant\n%s", step, got, want)
		}
		if store.Puts-puts != wantPuts {
			t.Errorf("%s: %d lists made, want %d", step, store.Puts-puts, wantPuts)
		}
	}
	build("first", corpus(nil), 1)
	build("again", corpus(nil), 0)
	summary := corpus(nil)
	summary[3].Summary = "Edited."
	build("a summary edited", summary, 0)
	build("an author changed", corpus(func(i int, d string, terms map[string][]string) (string, map[string][]string) {
		if i == 5 {
			terms["authors"] = []string{"Someone Else"}
		}
		return d, terms
	}), 0)
	build("a date changed", corpus(func(i int, d string, terms map[string][]string) (string, map[string][]string) {
		if i == 5 {
			d = "2023-06-01"
		}
		return d, terms
	}), 1)
	build("a person changed", corpus(func(i int, d string, terms map[string][]string) (string, map[string][]string) {
		if i == 5 {
			terms["people"] = []string{"Person 1"}
		}
		return d, terms
	}), 1)
	for k, b := range store.M {
		store.M[k] = b[:len(b)-1]
	}
	build("damaged", corpus(nil), 1)
}
