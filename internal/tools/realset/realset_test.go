package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseRaw(t *testing.T) {
	in := "QUERY: baku tehran ties\n" +
		"@@@@ url=https://www.example.com/a/1 lang=en rank=1\n" +
		" date 2024-05-19 First line of the first excerpt.\nSecond line.\n" +
		"@@@@ url=https://example.org/b lang=RU rank=2\n" +
		"Текст.\n"
	rs, err := ParseRaw(strings.NewReader(in), "q001.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("%d records, want 2", len(rs))
	}
	if rs[0].url != "https://www.example.com/a/1" || rs[0].query != "baku tehran ties" || rs[0].lang != "en" {
		t.Fatalf("first record %+v", rs[0])
	}
	date, text := splitDate(rs[0].text)
	if date != "2024-05-19" || text != "First line of the first excerpt.\nSecond line." {
		t.Fatalf("splitDate = %q, %q", date, text)
	}
	if rs[1].lang != "ru" || rs[1].text != "Текст." {
		t.Fatalf("second record %+v", rs[1])
	}
	if _, err := ParseRaw(strings.NewReader("QUERY: x\n@@@@ lang=en\ntext\n"), "q.txt"); err == nil {
		t.Fatal("a record without url= was accepted")
	}
}

func TestOutletAndID(t *testing.T) {
	for in, want := range map[string]string{
		"https://en.irna.ir/news/1":            "irna.ir",
		"https://www.jpost.com/x":              "jpost.com",
		"http://www.bbc.co.uk/news/world-1":    "bbc.co.uk",
		"https://m.timesofisrael.com/a":        "timesofisrael.com",
		"https://news.am/eng/news/755242.html": "news.am",
		"https://issuu.com./x":                 "issuu.com",
		"https://trtworld.com:443/a":           "trtworld.com",
	} {
		if got := Outlet(in); got != want {
			t.Errorf("Outlet(%q) = %q, want %q", in, got, want)
		}
	}
	if ID("https://www.example.com/a/") != ID("http://example.com/a?utm=1") {
		t.Error("ID differs for the same normalised address")
	}
	if ID("https://example.com/a") == ID("https://example.com/b") {
		t.Error("ID equal for different addresses")
	}
}

func TestCountriesAndNearCopy(t *testing.T) {
	if n := countries("Baku and Tehran met; no one else."); n != 2 {
		t.Fatalf("countries = %d, want 2", n)
	}
	a := shingles("one two three four five six seven eight nine ten eleven twelve")
	b := shingles("one two three four five six seven eight nine ten eleven thirteen")
	if j := jaccard(a, b); j < NearCopy {
		t.Fatalf("near-identical texts have jaccard %.2f", j)
	}
	c := shingles("completely different words make up this other text of twelve words")
	if j := jaccard(a, c); j != 0 {
		t.Fatalf("unrelated texts have jaccard %.2f", j)
	}
}

// The committed index and the local cache agree. The cache holds
// third-party text and is never committed; on a machine without it the test
// says so and skips (testdata/real/README.md says how to rebuild it).
func TestCacheMatchesIndex(t *testing.T) {
	cache := DefaultCache()
	idx := filepath.Join("..", "..", "..", "testdata", "real")
	if _, err := os.Stat(filepath.Join(idx, "index.jsonl")); err != nil {
		t.Skipf("no index at %s", idx)
	}
	if _, err := os.Stat(filepath.Join(cache, "articles.jsonl")); err != nil {
		t.Skipf("real-text cache absent at %s (third-party text, never committed): rebuild it as testdata/real/README.md says", cache)
	}
	var log bytes.Buffer
	if err := Check(cache, idx, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
}
