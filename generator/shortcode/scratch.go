package shortcode

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// Scratch is Hugo's scratch pad: values a template sets and reads back.
// A call's own (.Scratch) lives as long as the call; the page's
// (.Page.Scratch, .Page.Store) is shared by all the calls of one file, run
// in document order, so a counter kept there numbers the calls. Methods
// that change it return "" so that a template can call them in an action
// without printing anything, as in Hugo.
type Scratch struct {
	values map[string]any
}

func newScratch() *Scratch { return &Scratch{values: map[string]any{}} }

// Set stores a value.
func (s *Scratch) Set(key string, v any) string {
	s.values[key] = v
	return ""
}

// Get returns a value, or nil.
func (s *Scratch) Get(key string) any { return s.values[key] }

// Delete removes a value.
func (s *Scratch) Delete(key string) string {
	delete(s.values, key)
	return ""
}

// Values returns every value, by key.
func (s *Scratch) Values() map[string]any { return s.values }

// Add adds to a value as Hugo does: numbers add, text is joined, a list
// gets v appended (the items of v when v is a list); a key not set yet
// takes v.
func (s *Scratch) Add(key string, v any) (string, error) {
	old, ok := s.values[key]
	if !ok {
		s.values[key] = v
		return "", nil
	}
	if k := reflect.TypeOf(old); k != nil && (k.Kind() == reflect.Slice || k.Kind() == reflect.Array) {
		out, err := appendTo(old, v)
		if err != nil {
			return "", fmt.Errorf("Scratch.Add %q: %w", key, err)
		}
		s.values[key] = out
		return "", nil
	}
	sum, err := plus(old, v)
	if err != nil {
		return "", fmt.Errorf("Scratch.Add %q: %w", key, err)
	}
	s.values[key] = sum
	return "", nil
}

// SetInMap sets a key of the map stored at key, making the map when there
// is none.
func (s *Scratch) SetInMap(key, mapKey string, v any) (string, error) {
	m, err := s.mapAt(key, true)
	if err != nil {
		return "", err
	}
	m[mapKey] = v
	return "", nil
}

// DeleteInMap removes a key of the map stored at key.
func (s *Scratch) DeleteInMap(key, mapKey string) (string, error) {
	m, err := s.mapAt(key, false)
	if m != nil {
		delete(m, mapKey)
	}
	return "", err
}

// GetSortedMapValues returns the values of the map stored at key, in the
// order of their keys; nil when there is none.
func (s *Scratch) GetSortedMapValues(key string) (any, error) {
	m, err := s.mapAt(key, false)
	if m == nil {
		return nil, err
	}
	out := make([]any, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out, nil
}

func (s *Scratch) mapAt(key string, create bool) (map[string]any, error) {
	v, ok := s.values[key]
	if !ok || v == nil {
		if !create {
			return nil, nil
		}
		m := map[string]any{}
		s.values[key] = m
		return m, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("Scratch %q holds %T, not a map made with SetInMap", key, v)
	}
	return m, nil
}

// plus is Hugo's "+" of two values: integers and floats add (a float
// makes the sum a float), text is joined.
func plus(a, b any) (any, error) {
	av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
	switch {
	case isInt(av) && isInt(bv):
		return toInt(a) + toInt(b), nil
	case isNumber(av) && isNumber(bv):
		return toFloat(a) + toFloat(b), nil
	case av.IsValid() && bv.IsValid() && av.Kind() == reflect.String && bv.Kind() == reflect.String:
		return av.String() + bv.String(), nil
	}
	return nil, fmt.Errorf("cannot add %T to %T", b, a)
}

func isInt(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

func isNumber(v reflect.Value) bool {
	return isInt(v) || v.IsValid() && (v.Kind() == reflect.Float32 || v.Kind() == reflect.Float64)
}

// appendTo is Hugo's collections.Append: the items of from added to the
// list to, keeping its item type where they all have it (a []string
// stays one) and making a list of anything otherwise; a single list in
// from has its items added, not itself. to is not changed.
func appendTo(to any, from ...any) (any, error) {
	if len(from) == 0 {
		return to, nil
	}
	if to == nil {
		if len(from) == 1 && from[0] != nil && reflect.TypeOf(from[0]).Kind() == reflect.Slice {
			return from[0], nil
		}
		return slices.Clone(from), nil
	}
	tov := reflect.ValueOf(to)
	if tov.Kind() != reflect.Slice && tov.Kind() != reflect.Array {
		return nil, fmt.Errorf("expected a list to append to, got %T", to)
	}
	elem := tov.Type().Elem()
	items := from
	if len(from) == 1 && from[0] != nil {
		if fv := reflect.ValueOf(from[0]); fv.Kind() == reflect.Slice && elem.Kind() != reflect.Slice {
			if tov.Len() == 0 {
				return from[0], nil
			}
			items = listOf(from[0])
		}
	}
	typed := true
	for _, it := range items {
		if it == nil || !reflect.TypeOf(it).AssignableTo(elem) {
			typed = false
			break
		}
	}
	if !typed {
		return append(listOf(to), items...), nil
	}
	out := reflect.MakeSlice(reflect.SliceOf(elem), 0, tov.Len()+len(items))
	for i := range tov.Len() {
		out = reflect.Append(out, tov.Index(i))
	}
	for _, it := range items {
		out = reflect.Append(out, reflect.ValueOf(it))
	}
	return out.Interface(), nil
}

// appendFunc is the template function: append ITEM… LIST, as Hugo's
// (so that $list | append "x" reads well).
func appendFunc(args ...any) (any, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("append needs at least one item and a list")
	}
	return appendTo(args[len(args)-1], args[:len(args)-1]...)
}
