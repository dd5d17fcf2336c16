package site

import (
	"fmt"
	"time"
)

// Period is a year or a month of the date archive.
type Period struct {
	Year  int
	Month time.Month // 0 for a year
	// URL is /2024/ for a year, /2024/07/ for a month.
	URL string
	// Articles are the period's articles, newest first.
	Articles []*Article
	// Months are a year's months that have articles, newest first.
	Months []*Period
	// Prev and Next are the periods of the same length just before and
	// after this one that have articles (across years for months); nil
	// at either end.
	Prev, Next *Period
}

// Title names the period: "2024", "July 2024".
func (p *Period) Title() string {
	if p.Month == 0 {
		return fmt.Sprint(p.Year)
	}
	return fmt.Sprintf("%s %d", p.Month, p.Year)
}

// Count is the number of articles of the period.
func (p *Period) Count() int { return len(p.Articles) }

// archive groups articles, sorted newest first, into years and months in
// the site's time zone. Periods share windows of one list, so no list is
// copied; periods without articles do not exist.
func archive(articles []*Article, loc *time.Location) []*Period {
	var years []*Period
	var year, month *Period
	start, monthStart := 0, 0
	closeMonth := func(end int) {
		if month != nil {
			month.Articles = articles[monthStart:end:end]
		}
	}
	closeYear := func(end int) {
		closeMonth(end)
		if year != nil {
			year.Articles = articles[start:end:end]
		}
	}
	for i, a := range articles {
		d := a.Date.In(loc)
		if year == nil || d.Year() != year.Year {
			closeYear(i)
			year = &Period{Year: d.Year(), URL: fmt.Sprintf("/%04d/", d.Year())}
			years = append(years, year)
			start, month = i, nil
		}
		if month == nil || d.Month() != month.Month {
			closeMonth(i)
			month = &Period{Year: d.Year(), Month: d.Month(), URL: fmt.Sprintf("/%04d/%02d/", d.Year(), int(d.Month()))}
			year.Months = append(year.Months, month)
			monthStart = i
		}
		a.Month = month
	}
	closeYear(len(articles))
	var months []*Period
	for _, y := range years {
		months = append(months, y.Months...)
	}
	for _, list := range [][]*Period{years, months} {
		for i, p := range list { // newest first
			if i > 0 {
				p.Next = list[i-1]
			}
			if i+1 < len(list) {
				p.Prev = list[i+1]
			}
		}
	}
	return years
}
