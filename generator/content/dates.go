package content

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// looseDate is every date form accepted besides RFC 3339: the day, then
// a time of day after a T or spaces (the hour may have one digit), then a
// zone after optional spaces: Z, or an offset written -04:00, -0400, -04
// or -4. These are the forms Hugo, Jekyll and Eleventy sites write
// ("2012-02-22 15:09:51 -0400", "2015-06-29 1:00:19 -4").
var looseDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})` +
	`(?:(?:[Tt]| +)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?` +
	` *(?:([Zz])|([+-])(\d{1,2})(?::?(\d{2}))?)?$`)

// ParseDate reads s in one of the forms of looseDate; a date without
// a zone is in loc. ok is false when s is in none of them; err says why
// a date in one of them is not a real one. A migration asks it whether
// folio reads a date as it is written.
func ParseDate(s string, loc *time.Location) (t time.Time, ok bool, err error) {
	m := looseDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false, nil
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	year, month, day := num(1), num(2), num(3)
	hour, minute, second := num(4), num(5), num(6)
	nanos := 0
	if m[7] != "" {
		nanos, _ = strconv.Atoi((m[7] + "00000000")[:9])
	}
	switch {
	case month < 1 || month > 12:
		return time.Time{}, true, fmt.Errorf("%q is not a real date (month out of range)", s)
	case day < 1 || day > daysIn(year, time.Month(month)):
		return time.Time{}, true, fmt.Errorf("%q is not a real date (day out of range)", s)
	case hour > 23:
		return time.Time{}, true, fmt.Errorf("%q is not a real date (hour out of range)", s)
	case minute > 59:
		return time.Time{}, true, fmt.Errorf("%q is not a real date (minute out of range)", s)
	case second > 59:
		return time.Time{}, true, fmt.Errorf("%q is not a real date (second out of range)", s)
	}
	zone := loc
	switch {
	case m[8] != "":
		zone = time.UTC
	case m[9] != "":
		h, min := num(10), num(11)
		if h > 23 || min > 59 {
			return time.Time{}, true, fmt.Errorf("%q is not a real date (time zone offset out of range)", s)
		}
		offset := h*3600 + min*60
		if m[9] == "-" {
			offset = -offset
		}
		zone = time.FixedZone("", offset)
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, nanos, zone), true, nil
}

// daysIn is the number of days of a month.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// datedName matches a file named as Jekyll names posts: 2015-03-17-title.md.
var datedName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// fileDate is the day a file's name begins with (2015-03-17-title.md),
// midnight in loc, and the rest of the name, which is then its slug; ok
// is false when the name does not begin with a real day.
func fileDate(name string, loc *time.Location) (day time.Time, rest string, ok bool) {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	m := datedName.FindStringSubmatch(base)
	if m == nil {
		return time.Time{}, "", false
	}
	day, ok, err := ParseDate(m[1], loc)
	if !ok || err != nil {
		return time.Time{}, "", false
	}
	return day, m[2], true
}
