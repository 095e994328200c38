package lang

import (
	"strings"
	"testing"
)

// BenchmarkDetect detects the language of a news-length English text;
// detection reads at most MaxRunes characters, so its cost per article is
// bounded whatever the article's length.
func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("Azerbaijan and Iran opened a new railway link across the Aras river on Monday, officials in Baku said. ", 30)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Detect(text)
	}
}
