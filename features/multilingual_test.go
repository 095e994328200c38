package features

import (
	"slices"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stance-project/stance/labels"
)

// Sentences written for these tests, one or two per language, each naming
// targets in inflected or clitic forms.
var mlCases = []struct {
	lang, text string
	want       []string // target names mentioned, in order
}{
	{"ru", "Министр иностранных дел Азербайджана встретился в Баку с послом Израиля, а Тегеран выразил протест.", []string{"Azerbaijan", "Azerbaijan", "Israel", "Iran"}},
	{"ru", "Израильские дроны и иранские ракеты.", []string{"Israel", "Iran"}},
	{"tr", "İsrail'in saldırısının ardından Azerbaycan'ın Tahran'a mesajı dikkat çekti.", []string{"Israel", "Azerbaijan", "Iran"}},
	{"tr", "ISRAIL ve İRAN arasında gerilim tırmanıyor.", []string{"Israel", "Iran"}},
	{"az", "Azərbaycanın xarici işlər naziri Bakıda İsraillə əməkdaşlığı müzakirə etdi; İranın mövqeyi məlumdur.", []string{"Azerbaijan", "Azerbaijan", "Israel", "Iran"}},
	{"fa", "وزیر خارجه جمهوری آذربایجان در باکو با سفیر رژیم صهیونیستی دیدار کرد و ایران اعتراض کرد.", []string{"Azerbaijan", "Azerbaijan", "Israel", "Iran"}},
	{"fa", "سخنگوی وزارت خارجه ایران می‌گوید اسرائیلی‌ها در تهران حضور ندارند.", []string{"Iran", "Israel", "Iran"}},
	{"ar", "أدانت طهران العدوان الإسرائيلي، بينما التزمت أذربيجان الصمت ولإسرائيل علاقات مع باكو.", []string{"Iran", "Israel", "Azerbaijan", "Israel", "Azerbaijan"}},
	{"ar", "قال المتحدث إن إِسْرَائِيل والكيان الصهيوني شيء واحد.", []string{"Israel", "Israel"}},
	{"he", "שר החוץ של אזרבייג׳ן הגיע לישראל, ובטהרן הגיבו בכעס.", []string{"Azerbaijan", "Israel", "Iran"}},
	{"he", "צה״ל תקף מטרות של משמרות המהפכה באיראן.", []string{"Israel", "Iran", "Iran"}},
}

func targetsOf(t *testing.T, text string) []string {
	t.Helper()
	s := labels.Default()
	targets := s.Targets()
	m := NewMatcher(targets)
	an := NewAnalyzer()
	ft, toks := an.Analyze([]byte(text), nil)
	var got []string
	for _, mn := range m.find(toks, nil, wideText(ft)) {
		got = append(got, targets[mn.Target].Name)
	}
	return got
}

func TestMentionsInRegionLanguages(t *testing.T) {
	for _, c := range mlCases {
		got := targetsOf(t, c.text)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q\n mentions %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}

func TestScriptFold(t *testing.T) {
	an := NewAnalyzer()
	term := func(s string) string {
		_, toks := an.Analyze([]byte(s), nil)
		if len(toks) != 1 {
			t.Fatalf("%q: %d tokens", s, len(toks))
		}
		return string(toks[0].Term)
	}
	same := [][]string{
		{"İsrail", "ISRAIL", "israil", "Israıl"},         // Turkish dotted and dotless i
		{"إسرائيل", "اسرائيل", "إِسْرَائِيل", "اسرائیل"}, // hamza, harakat, Persian yeh
		{"کشور", "كشور"},                                 // Persian and Arabic kaf
		{"می‌گوید", "میگوید"},                            // zero-width non-joiner
		{"שָׁלוֹם", "שלום"},                              // Hebrew points
		{"جمهوریة", "جمهوریه"},                           // teh marbuta
		{"ـــإيرانـــ", "ايران"},                         // tatweel
	}
	for _, g := range same {
		for _, w := range g[1:] {
			if a, b := term(g[0]), term(w); a != b {
				t.Errorf("%q → %q but %q → %q", g[0], a, w, b)
			}
		}
	}
}

func TestRegionSentencesSplit(t *testing.T) {
	an := NewAnalyzer()
	for _, text := range []string{
		"طهران تدين الهجوم. باكو تلتزم الصمت؟ تل أبيب ترد.",
		"ایران محکوم کرد. باکو سکوت کرد؟ اسرائیل پاسخ داد.",
		"איראן גינתה. באקו שתקה? ישראל הגיבה.",
	} {
		_, toks := an.Analyze([]byte(text), nil)
		if n := toks[len(toks)-1].Sent + 1; n != 3 {
			t.Errorf("%q: %d sentences, want 3", text, n)
		}
	}
}

func TestLexiconStems(t *testing.T) {
	an := NewAnalyzer()
	cases := []struct {
		word string
		cue  Cue
	}{
		{"осудил", CueCondemn}, {"осуждения", CueCondemn}, {"агрессии", CueHostile},
		{"kınadı", CueCondemn}, {"işbirliğini", CueCooperation}, {"tarafsızlık", CueNeutrality},
		{"pisləyib", CueCondemn}, {"əməkdaşlığı", CueCooperation},
		{"محکومیت", CueCondemn}, {"تجاوزات", CueHostile}, {"همکاری‌ها", CueCooperation},
		{"والاحتلال", CueHostile}, {"للعدوان", CueHostile}, {"بالتعاون", CueCooperation},
		{"והתוקפנות", CueHostile}, {"שותפות", CueCooperation},
	}
	for _, c := range cases {
		_, toks := an.Analyze([]byte(c.word), nil)
		si, ok := defaultLexicon.stem(toks[0].Term)
		if !ok || si.cues&(1<<c.cue) == 0 {
			t.Errorf("%q: cues %b, want %s", c.word, si.cues, c.cue)
		}
	}
	for _, w := range []string{"не", "لم", "לא", "değil", "нет"} {
		_, toks := an.Analyze([]byte(w), nil)
		if !defaultLexicon.neg[toks[0].Hash] {
			t.Errorf("%q is not a negator", w)
		}
	}
}

// A Russian report that Azerbaijan "did not condemn" Israel: the condemn
// cue falls inside the negation scope, and the sentence is reported
// speech by its attribution verb.
func TestRegionNegationAndVoice(t *testing.T) {
	s := labels.Default()
	f, err := New(s, BaseConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &labels.Article{Text: "Баку не осудил удары Израиля, заявил представитель МИД."}
	f.analyse(a)
	f.prepareTokens()
	negCondemn, rep := false, false
	for i, tk := range f.toks {
		if string(tk.Term) == "осудил" && f.neg[i] && f.cues[i]&(1<<CueCondemn) != 0 {
			negCondemn = true
		}
	}
	for _, v := range voices(f.toks, nil, f.attr) {
		if v == VoiceReported {
			rep = true
		}
	}
	if !negCondemn {
		t.Error("negated condemnation not seen")
	}
	if !rep {
		t.Error("attribution verb did not make the sentence reported speech")
	}
}

// The prefixes group adds the first five letters of long words in text
// mostly outside ASCII, and nothing for English.
func TestPrefixGroup(t *testing.T) {
	cfg := BaseConfig()
	cfg.Groups = []string{GroupNgrams, GroupPrefixes}
	f, err := New(labels.Default(), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.RecordNames(true)
	names := func(text string) map[string]bool {
		d := f.Featurize(&labels.Article{ID: "x", Text: text})
		out := map[string]bool{}
		for _, i := range d.Shared.Idx {
			out[f.Names()[i]] = true
		}
		return out
	}
	tr := names("İsrail'in Azerbaycan ile ilişkileri Tahran'da dikkatle izleniyor.")
	for _, want := range []string{"prefix:israi", "prefix:azerb", "prefix:ilişk", "prefix:tahra"} {
		if !tr[want] {
			t.Errorf("Turkish text lacks %s: %v", want, tr)
		}
	}
	if tr["prefix:ile"] {
		t.Error("a short word got a prefix feature")
	}
	en := names("Israel's relations with Azerbaijan are watched closely in Tehran.")
	for n := range en {
		if strings.HasPrefix(n, "prefix:") {
			t.Errorf("English text got %s", n)
		}
	}
}

func TestScriptOf(t *testing.T) {
	for text, want := range map[string]string{
		"Израиль и Иран обменялись ударами.":              "cyrillic",
		"ישראל ואיראן החליפו מהלומות.":                    "hebrew",
		"تبادلت إسرائيل وإيران الضربات.":                  "arabic",
		"ایران و اسرائیل به یکدیگر حمله کردند و گفتند.":   "arabic-persian",
		"Azərbaycan İsraillə əməkdaşlığı genişləndirir.":  "latin-schwa",
		"Azerbaycan İsrail ile işbirliğini genişletiyor.": "latin",
	} {
		if got := scriptOf([]byte(text)); got != want {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
}

// Words of the glossary's languages take the vector of their English
// gloss; English words keep their own, and an unknown word none.
func TestGlossaryVectors(t *testing.T) {
	f, err := New(labels.Default(), BaseConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.vec == nil {
		t.Skip("no embedded vectors")
	}
	rowOf := func(w string) int32 { return f.vocab.lookup(xxhash.Sum64String(w)).row }
	f.analyse(&labels.Article{ID: "ru", Text: "Экономика и переговоры: министры обсудили нефть, сказал qwzxv."})
	f.prepareTokens()
	want := map[string]string{"экономика": "economy", "переговоры": "negotiations", "министры": "minister", "нефть": "oil"}
	for i, tk := range f.toks {
		en, ok := want[string(tk.Term)]
		if !ok {
			continue
		}
		if f.rows[i] < 0 || f.rows[i] != rowOf(en) {
			t.Errorf("%s: row %d, want the row of %s (%d)", tk.Term, f.rows[i], en, rowOf(en))
		}
		delete(want, string(tk.Term))
	}
	if len(want) > 0 {
		t.Errorf("tokens not found: %v", want)
	}
	for i, tk := range f.toks {
		if string(tk.Term) == "qwzxv" && f.rows[i] != -1 {
			t.Errorf("an unknown word got row %d", f.rows[i])
		}
	}
}
