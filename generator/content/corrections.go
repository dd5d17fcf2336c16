package content

import (
	"fmt"
	"html/template"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"folio/generator/diag"
)

// Correction is one correction or update of an article, as its front
// matter lists them (corrections:), shown at the end of its page, on the
// site's corrections page and in structured data.
type Correction struct {
	Date time.Time
	// Kind is KindCorrection (a fact the article got wrong) or
	// KindUpdate (news since it was published).
	Kind string
	// Text is plain text, for feeds and structured data; TextHTML the
	// same with its inline Markdown (emphasis, code) rendered.
	Text     string
	TextHTML template.HTML
}

// The kinds of corrections.
const (
	KindCorrection = "correction"
	KindUpdate     = "update"
)

// correctionKeys are the fields of a correction.
var correctionKeys = []string{"date", "kind", "text"}

// corrections reads corrections: a list of {date, text, kind}, oldest
// first once read (as written for one day). Each is checked: a date no
// earlier than the article's, a text, a kind of correction or update.
func (p *Parser) corrections(r *fieldReader, published time.Time) []Correction {
	const key = "corrections"
	v, ok := r.m.fields[key]
	if !ok || v == nil {
		return nil
	}
	items, ok := listItems(v)
	if !ok {
		r.fail(key, "must be a list of corrections, each with a date and a text, such as [{date: 2024-07-23, text: \"…\"}], not %s", describe(v))
		return nil
	}
	var out []Correction
	for i, item := range items {
		line := r.itemLine(key, i)
		bad := func(field, format string, args ...any) {
			name := fmt.Sprintf("%s[%d]", key, i)
			if field != "" {
				name += "." + field
			}
			r.probs = append(r.probs, diag.Errorf(r.name, line, name, format, args...))
		}
		fields, ok := item.(map[string]any)
		if !ok {
			bad("", "must be a correction with a date and a text, not %s", describe(item))
			continue
		}
		before := len(r.probs)
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			if !slices.Contains(correctionKeys, k) {
				bad(k, "is not a field of a correction (%s): remove it", strings.Join(correctionKeys, ", "))
			}
		}
		c := Correction{Kind: KindCorrection}
		if dv, given := fields["date"]; !given || dv == nil || dv == "" {
			bad("date", "missing: add the day it was made, such as date: 2024-07-23")
		} else if t, err := p.parseDate(dv, isTOMLZoneless(dv)); err != nil {
			bad("date", "%v", err)
		} else if !published.IsZero() && t.Before(published) {
			bad("date", "%s is before the article's date %s", t.Format(time.DateOnly), published.Format(time.DateOnly))
		} else {
			c.Date = t
		}
		if kv, given := fields["kind"]; given {
			k, ok := kv.(string)
			switch k = strings.ToLower(strings.TrimSpace(k)); {
			case !ok:
				bad("kind", "must be correction or update, not %s", describe(kv))
			case k == KindCorrection || k == KindUpdate:
				c.Kind = k
			default:
				bad("kind", "%q must be correction (a fact the article got wrong) or update (news since)", k)
			}
		}
		text := ""
		if tv, given := fields["text"]; given && tv != nil {
			s, ok := scalarText(tv)
			if !ok {
				bad("text", "must be text, not %s", describe(tv))
			}
			text = strings.Join(strings.Fields(cleanText(s)), " ")
		}
		if text == "" && len(r.probs) == before {
			bad("text", "missing: say what was corrected, such as text: An earlier version misspelled the minister's name.")
		}
		if len(r.probs) > before {
			continue
		}
		if p.smart {
			text = Smarten(text)
		}
		c.Text, c.TextHTML = Inline(text)
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Correction) int { return a.Date.Compare(b.Date) })
	return out
}

// series reads series: (the name of the series the article is part of,
// as text or a list of one name, as Hugo sites write it) and part: (its
// number in the series, from 1). A part given without a series, or one
// that is no whole number from 1, is an error.
func (p *Parser) series(r *fieldReader) (name string, part int) {
	v, given := r.m.fields["series"]
	switch v := v.(type) {
	case nil:
	case []any:
		if len(v) > 1 {
			r.fail("series", "names %d series: an article is part of one series at most", len(v))
			break
		}
		if len(v) == 1 {
			s, ok := scalarText(v[0])
			if !ok {
				r.fail("series", "must be the name of a series, not %s", describe(v[0]))
			}
			name = s
		}
	default:
		name = r.text("series")
	}
	name = strings.Join(strings.Fields(cleanText(name)), " ")
	if given && v != nil && name == "" && len(r.probs) == 0 {
		r.fail("series", "is empty: name the series, or remove the field")
	}
	pv, hasPart := r.m.fields["part"]
	if !hasPart || pv == nil {
		return name, 0
	}
	var n float64
	switch pv := pv.(type) {
	case int64:
		n = float64(pv)
	case float64:
		n = pv
	default:
		r.fail("part", "must be a whole number from 1, such as part: 2, not %s", describe(pv))
		return name, 0
	}
	if n < 1 || n != math.Trunc(n) || n > 1e6 {
		r.fail("part", "%v must be a whole number from 1, such as part: 2", pv)
		return name, 0
	}
	if name == "" {
		r.fail("part", "gives a part, but the article names no series: add series: with its name")
		return "", 0
	}
	return name, int(n)
}

// LatestChange is when the article last changed after it was published:
// its updated date or its newest correction, whichever is later; zero
// when neither is given.
func (a *Article) LatestChange() time.Time {
	t := a.Updated
	for _, c := range a.Corrections {
		t = maxTime(t, c.Date)
	}
	return t
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// listItems are the items of a front matter list: a YAML or JSON list,
// or TOML's array of tables ([[comments]]); false for anything else.
func listItems(v any) ([]any, bool) {
	switch v := v.(type) {
	case []any:
		return v, true
	case []map[string]any:
		items := make([]any, len(v))
		for i, m := range v {
			items[i] = m
		}
		return items, true
	}
	return nil, false
}
