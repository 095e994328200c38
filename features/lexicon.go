package features

import (
	"sort"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// Cue is a category of the cue lexicon.
type Cue uint8

// The cue categories. Each is counted per scope (article, a target's
// sentences, the words left and right of a mention), and separately when
// negated ("did not condemn").
const (
	CueHostile     Cue = iota // hostile labels: regime, aggression, genocide
	CueCondemn                // condemnation and accusation verbs
	CueCooperation            // partnership, alliance, ties, agreements
	CueNeutrality             // neutrality, balance, mediation, non-alignment
	CueRestraint              // calls for calm, de-escalation, dialogue
	CueVictim                 // victimhood, casualties, martyrs, self-defence
	CueLegitimacy             // rights, sovereignty, law and its violation
	CuePraise                 // praise, success, stability, tolerance
	CueMilitary               // strikes, drones, weapons, bases
	CueBase                   // foothold, springboard, outpost: territory used against another
	CueDispute                // baseless, fabricated, so-called: disputing a claim
	CueRelay                  // said, according to, reported: relaying
	CueDistance               // distancing, rift, pivot, rapprochement
	CueThreat                 // threats and danger
	numCues
)

var cueNames = [numCues]string{
	"hostile", "condemn", "cooperation", "neutrality", "restraint", "victim",
	"legitimacy", "praise", "military", "base", "dispute", "relay", "distance", "threat",
}

func (c Cue) String() string { return cueNames[c] }

// The lexicon is written for this project. Inflections are listed rather
// than stemmed so that lookups stay one hash probe.
var cueWords = [numCues]string{
	CueHostile: `regime regimes aggression aggressions aggressor aggressors aggressive occupation occupying occupier occupiers
		genocide genocidal terror terrorist terrorists terrorism massacre massacres crimes criminal criminals brutal brutality
		atrocities atrocity apartheid usurping usurper warmonger warmongering warmongers provocation provocations provocative
		destabilizing destabilising destabilize destabilise expansionist belligerent belligerence illegitimate rogue menace
		hostile hostility barbaric barbarism savage murderous butcher butchers mullahs theocracy tyranny tyrannical
		repressive oppressive oppressor annihilation slaughter entity zionist zionists zionism imperialist imperialism
		hegemony hegemonic arrogance arrogant puppet puppets lackey lackeys fascist fascism extremist extremists fanatics
		reckless sinister nefarious infamous notorious ruthless criminality vile evil`,
	CueCondemn: `condemn condemns condemned condemning condemnation condemnations denounce denounces denounced denouncing
		slam slams slammed blast blasted rebuke rebuked rebukes criticize criticized criticizes criticise criticised
		criticises criticism accuse accused accuses accusing accusation accusations blame blamed blames outrage outraged
		deplore deplored deplores lambast lambasted censure censured decry decried decries protest protested`,
	CueCooperation: `partner partners partnership partnerships strategic ally allies alliance alliances allied cooperation
		cooperate cooperated cooperating cooperative collaboration collaborate friendship friendly friend friends brotherly
		fraternal ties agreement agreements deal deals memorandum joint mutual trust trusted reliable support supported
		supports supporting solidarity cordial fruitful bilateral embrace embraced backing backed axis`,
	CueNeutrality: `neutral neutrality balanced balance balancing multi-vector multivector non-aligned nonaligned
		non-alignment impartial impartiality mediator mediators mediate mediating mediation equidistant independent
		independence pragmatic pragmatism tightrope even-handed evenhanded sovereign-minded unaligned`,
	CueRestraint: `restraint calm de-escalate de-escalation deescalation ceasefire truce peaceful peacefully dialogue
		negotiation negotiations diplomatic diplomacy moderation stabilize stabilise`,
	CueVictim: `victim victims martyr martyrs martyred martyrdom killed casualties wounded suffering innocent civilians
		self-defense self-defence defend defended defending retaliation retaliated retaliate besieged targeted mourn
		mourning grieving survivors hostages hostage`,
	CueLegitimacy: `legitimate legitimacy rights sovereignty sovereign lawful justified justify justifies law legal
		illegal unlawful violation violations violated violates breach breached norms charter`,
	CuePraise: `praise praised praises hailed hail welcomed welcome welcomes commend commended thanked appreciation
		appreciated success successful historic landmark stability prosperity pillar pillars achievement achievements
		progress vibrant innovative tolerant tolerance multiculturalism exemplary admirable valuable vital wise visionary
		heroic brave courageous resilient`,
	CueMilitary: `strike strikes struck airstrike airstrikes drone drones missile missiles attack attacks attacked war wars
		military army weapons weapon arms airbase airbases airfield airfields intelligence nuclear bomb bombs bombing
		bombed troops offensive operation operations warplanes jets munitions loitering`,
	CueBase: `foothold outpost springboard bridgehead launchpad launch-pad staging spy spies espionage listening base
		bases platform proxy proxies`,
	CueDispute: `baseless absurd fabricated fabrication fabrications false fake myth myths conspiracy propaganda ridiculous
		unfounded debunked so-called alleged allegedly claims claimed lies lie disinformation misinformation smear
		groundless nonsense fiction`,
	CueRelay: `said says told according stated reported reports quoted statement statements spokesperson spokesman
		spokeswoman readout announced added noted`,
	CueDistance: `distance distancing distanced rift rapprochement pivot pivoted pivoting recalibration shift departure
		cooling chill thaw rupture estrangement`,
	CueThreat: `threat threats threaten threatens threatened threatening danger dangerous warn warns warned warning
		warnings menacing risk risks escalation escalate escalated`,
}

// negators start a negation scope that runs to the end of the clause or for
// negationSpan tokens.
var negatorWords = `not no never nor neither without none nothing hardly cannot denied denies deny denying
	rejected rejects reject refused refuses refuse dismissed dismisses`

const negationSpan = 4

// Lexicon maps word hashes to cue categories, and stems (stems.go) to the
// same for the inflected languages.
type Lexicon struct {
	cues map[uint64]uint16 // bit set of Cue
	neg  map[uint64]bool
	attr map[uint64]bool // attribution words beyond the English ones (voice.go)
	// glossWords are the glossary's whole words and their English words;
	// its stems are among the stems below (stemInfo.gloss).
	glossWords map[uint64]string
	// stems and what each means
	stems    stems
	stemInfo []stemInfo
}

// stemInfo is what a lexicon stem marks.
type stemInfo struct {
	cues  uint16
	neg   bool   // starts a negation scope
	attr  bool   // attributes a sentence to a speaker
	gloss string // the glossary's English word for it (glossary.go), or ""
}

// lexical reports a stem of the cue lexicon, negators or attribution
// words, as against one of the glossary only.
func (si stemInfo) lexical() bool { return si.cues != 0 || si.neg || si.attr }

var defaultLexicon = buildLexicon()

// DefaultLexicon returns the project's cue lexicon.
func DefaultLexicon() *Lexicon { return defaultLexicon }

func buildLexicon() *Lexicon {
	l := &Lexicon{cues: map[uint64]uint16{}, neg: map[uint64]bool{}, attr: map[uint64]bool{}}
	for c := Cue(0); c < numCues; c++ {
		for _, w := range strings.Fields(cueWords[c]) {
			l.cues[xxhash.Sum64String(w)] |= 1 << c
		}
	}
	for _, w := range strings.Fields(negatorWords) {
		l.neg[xxhash.Sum64String(w)] = true
	}
	b := stemBuilder{l: l, an: NewAnalyzer(), index: map[string]int32{}}
	for c := Cue(0); c < numCues; c++ {
		for _, w := range strings.Fields(cueWordsML[c]) {
			b.add(w, func(si *stemInfo) { si.cues |= 1 << c }, func(h uint64) { l.cues[h] |= 1 << c })
		}
	}
	for _, w := range strings.Fields(negatorWordsML) {
		b.add(w, func(si *stemInfo) { si.neg = true }, func(h uint64) { l.neg[h] = true })
	}
	for _, w := range strings.Fields(attributionWordsML) {
		b.add(w, func(si *stemInfo) { si.attr = true }, func(h uint64) { l.attr[h] = true })
	}
	b.addGlossary()
	return l
}

// addGlossary adds the glossary (glossary_ml.go) in a fixed order, so that
// of two entries that fold alike the first keeps its English word.
func (b *stemBuilder) addGlossary() {
	b.l.glossWords = map[uint64]string{}
	keys := make([]string, 0, len(glossaryML))
	for k := range glossaryML {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		en := glossaryML[k]
		w, isStem := isStem(k)
		_, toks := b.an.Analyze([]byte(w), nil)
		if len(toks) != 1 {
			continue
		}
		if !isStem {
			if _, ok := b.l.glossWords[toks[0].Hash]; !ok {
				b.l.glossWords[toks[0].Hash] = en
			}
			continue
		}
		if si := &b.l.stemInfo[b.stem(string(toks[0].Term))]; si.gloss == "" {
			si.gloss = en
		}
	}
}

// stemBuilder adds the other languages' entries to a lexicon: each is
// analysed like article text, then goes to the stems or to the hashed
// words.
type stemBuilder struct {
	l     *Lexicon
	an    *Analyzer
	index map[string]int32 // stem → its stemInfo
}

func (b *stemBuilder) add(w string, stem func(*stemInfo), word func(uint64)) {
	w, isStem := isStem(w)
	_, toks := b.an.Analyze([]byte(w), nil)
	if len(toks) != 1 {
		panic("features: lexicon entry " + w + " is not one word")
	}
	if !isStem {
		word(toks[0].Hash)
		return
	}
	stem(&b.l.stemInfo[b.stem(string(toks[0].Term))])
}

// stem returns the index of stem term's stemInfo, adding it if new.
func (b *stemBuilder) stem(term string) int32 {
	i, ok := b.index[term]
	if !ok {
		i = int32(len(b.l.stemInfo))
		b.index[term] = i
		b.l.stemInfo = append(b.l.stemInfo, stemInfo{})
		b.l.stems.add([]byte(term), i)
	}
	return i
}

// stem returns what the lexicon stem that term begins with marks, if any
// (the longest such stem; behind clitics when none at the start).
func (l *Lexicon) stem(term []byte) (stemInfo, bool) {
	si, ok, _ := l.stemWord(term, nil)
	return si, ok
}

// stemWord walks term's stems once for both the lexicon and the glossary:
// what the lexicon stem marks (ok when there is one), and the vector row of
// the glossary stem's English word (rows: per stemInfo, -1 for none; nil:
// no glossary), or -1. Each answer is that of its own dictionary alone:
// its longest stem at the start of term, else behind clitics.
func (l *Lexicon) stemWord(term []byte, rows []int32) (si stemInfo, ok bool, row int32) {
	row = -1
	behindClitics(term, func(rest []byte) bool {
		lex, gl := int32(-1), int32(-1)
		l.stems.each(rest, func(v int32) {
			if l.stemInfo[v].lexical() {
				lex = v
			}
			if rows != nil && rows[v] >= 0 {
				gl = v
			}
		})
		if !ok && lex >= 0 {
			si, ok = l.stemInfo[lex], true
		}
		if row < 0 && gl >= 0 {
			row = rows[gl]
		}
		return ok && (row >= 0 || rows == nil)
	})
	return si, ok, row
}

// Words returns the words of a category, for documentation and tests.
func (c Cue) Words() []string { return strings.Fields(cueWords[c]) }

const stopWordList = `the a an and or of to in on at for from by with as is are was were be been being
	it its this that these those he she they them his her their we our you your i me my has have had do does did
	will would shall should can could may might must also than then there here which who whom whose what when where
	how about into over after before up down out more most such only own so too very just s t said says`

const clauseWordList = "but while although though however whereas yet despite meanwhile nevertheless"

// CueNamed returns the cue category whose String is name.
func CueNamed(name string) (Cue, bool) {
	for c := Cue(0); c < numCues; c++ {
		if cueNames[c] == name {
			return c, true
		}
	}
	return 0, false
}
