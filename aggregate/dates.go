package aggregate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the date forms ParseDate reads, tried in order. A
// slashed date is read only year first (2024/03/05): 03/05/2024 is March
// in one country and May in another.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"2006.01.02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 January 2006",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"January 2 2006",
	"Jan 2 2006",
	"2006-01",
}

// ParseDate reads a date in one of the common forms: RFC 3339 and ISO
// 8601 dates and date-times (with or without a zone, with T or a space),
// 2024/03/05, 2024.03.05, 20240305, RFC 1123 as in RSS feeds ("Tue, 05
// Mar 2024 10:00:00 +0000"), "5 March 2024", "March 5, 2024" (months in
// English, full or abbreviated), a month alone (2024-03: its first day),
// and Unix time in seconds as a JSON number. Day-first and month-first
// slashed dates (05/03/2024) are refused as ambiguous.
func ParseDate(raw json.RawMessage) (time.Time, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		var sec float64
		if err := json.Unmarshal(raw, &sec); err != nil {
			return time.Time{}, fmt.Errorf("%s is neither a string nor a number", clipRaw(raw))
		}
		if sec < 0 || sec > 1e11 {
			return time.Time{}, fmt.Errorf("%s is out of range for Unix seconds", clipRaw(raw))
		}
		return time.Unix(int64(sec), 0).UTC(), nil
	}
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) == 10 {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date form stance reads", clip(s, 40))
}

func clipRaw(raw json.RawMessage) string { return clip(string(raw), 40) }

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Period is a length of time to group dates by.
type Period string

// The periods; None does not group by date.
const (
	None  Period = ""
	Week  Period = "week"
	Month Period = "month"
	Year  Period = "year"
)

// Key returns the period containing t ("2024-W09", "2024-03", "2024")
// and its first day.
func (p Period) Key(t time.Time) (string, time.Time) {
	switch p {
	case Week:
		y, w := t.ISOWeek()
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		return fmt.Sprintf("%04d-W%02d", y, w), d
	case Month:
		return fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month())), time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return fmt.Sprintf("%04d", t.Year()), time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return "", time.Time{}
}
