package features

import (
	"strings"
	"testing"
)

func TestVoices(t *testing.T) {
	cases := []struct {
		name, text string
		want       map[string]Voice // a word and the voice it must get
	}{
		{"narration", "The Zionist regime struck Iran on Friday.",
			map[string]Voice{"regime": VoiceOwn, "struck": VoiceOwn}},
		{"indirect speech", "Iran's foreign minister said the aggression was a crime.",
			map[string]Voice{"aggression": VoiceReported, "minister": VoiceReported}},
		{"according to", "According to Tehran, the regime is isolated.",
			map[string]Voice{"regime": VoiceReported}},
		{"quoted inside a narrated sentence", `Baku rejected what Tehran called "Zionist bases" there.`,
			map[string]Voice{"zionist": VoiceQuoted, "baku": VoiceReported}},
		{"quote across sentences", `"The regime lies. It always has," Kanaani told reporters. Israel denied it.`,
			map[string]Voice{"regime": VoiceQuoted, "always": VoiceQuoted, "kanaani": VoiceReported, "israel": VoiceReported}},
		{"unbalanced quote closes", `"Aggression will be answered. Soon. Very soon. The talks resumed in Baku on Monday.`,
			map[string]Voice{"aggression": VoiceQuoted, "talks": VoiceOwn}},
		{"headline is narration", "Israeli regime's crimes go on\n\nThe talks resumed.",
			map[string]Voice{"crimes": VoiceOwn, "talks": VoiceOwn}},
	}
	a := NewAnalyzer()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, toks := a.Analyze([]byte(c.text), nil)
			vs := Voices(toks, nil)
			if len(vs) != len(toks) {
				t.Fatalf("%d voices for %d tokens", len(vs), len(toks))
			}
			seen := map[string]bool{}
			for i, tk := range toks {
				w := strings.ToLower(string(tk.Term))
				want, ok := c.want[w]
				if !ok || seen[w] {
					continue
				}
				seen[w] = true
				if vs[i] != want {
					t.Errorf("%q: voice %v, want %v", w, vs[i], want)
				}
			}
			for w := range c.want {
				if !seen[w] {
					t.Errorf("word %q not among the tokens", w)
				}
			}
		})
	}
}

func TestVoicesAppends(t *testing.T) {
	_, toks := NewAnalyzer().Analyze([]byte("He said so."), nil)
	dst := []Voice{VoiceQuoted}
	got := Voices(toks, dst)
	if len(got) != 1+len(toks) || got[0] != VoiceQuoted || got[1] != VoiceReported {
		t.Fatalf("Voices did not append after dst: %v", got)
	}
}
