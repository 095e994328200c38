package features

import (
	"strings"

	"github.com/cespare/xxhash/v2"
)

// Voice says whose words a token is, by the codebook's relay rule: the
// outlet's own narration and headline are its stance; words inside
// quotation marks or in a sentence that attributes them to a speaker
// ("X said", "according to", "accused … of") are the speaker's.
type Voice uint8

const (
	VoiceOwn      Voice = iota // the outlet's narration or headline
	VoiceReported              // a sentence attributed to a speaker (indirect speech)
	VoiceQuoted                // inside quotation marks
	numVoices
)

var voiceNames = [numVoices]string{"own", "rep", "quo"}

func (v Voice) String() string { return voiceNames[v] }

// attributionWords mark a sentence as someone else's speech. Verbs of
// saying in their reporting forms; "according" covers "according to".
var attributionWords = `said says told stated states according quoted quoting cited citing claimed claims claim
	alleged alleges accused accuses insisted insists argued argues asserted asserts warned warns noted notes
	added adds stressed stresses emphasized emphasised emphasizes emphasises declared declares announced announces
	tweeted wrote writes urged urges denied denies blamed blames charged maintained maintains reportedly
	remarked replied responded explained explains suggested suggests believes believed vowed vows pledged
	described describes called calls spokesman spokeswoman spokesperson statement readout`

var attribution = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range strings.Fields(attributionWords) {
		m[xxhash.Sum64String(w)] = true
	}
	for h := range defaultLexicon.attr { // the other languages' whole words
		m[h] = true
	}
	return m
}()

// quoteSpan is how many sentences an open quotation may run before it is
// taken as unbalanced and closed.
const quoteSpan = 3

// Voices appends the voice of every token to dst and returns it. Quotation
// marks ("…", after the Punctuation filter) open and close quoted spans;
// an unclosed quote ends after quoteSpan sentences. A sentence that holds
// an attribution word anywhere outside its quotes is reported speech,
// except its quoted parts, which stay quoted. Headlines are narration like
// any other sentence.
func Voices(toks []Token, dst []Voice) []Voice {
	attr := make([]bool, len(toks))
	for i := range toks {
		if t := &toks[i]; t.Kind == Word && !isASCII(t.Term) {
			si, ok := defaultLexicon.stem(t.Term)
			attr[i] = ok && si.attr
		}
	}
	return voices(toks, dst, attr)
}

// voices is Voices with each token's attribution stem found already
// (prepareTokens: attr[i] marks another language's verb of saying).
func voices(toks []Token, dst []Voice, attr []bool) []Voice {
	base := len(dst)
	in := false
	openSent := int32(0)
	for i := range toks {
		t := &toks[i]
		if in && t.Sent-openSent >= quoteSpan {
			in = false
		}
		if t.Kind == Punct && len(t.Term) == 1 && t.Term[0] == '"' {
			if !in {
				in, openSent = true, t.Sent
			} else {
				in = false
			}
			dst = append(dst, VoiceQuoted)
			continue
		}
		if in {
			dst = append(dst, VoiceQuoted)
		} else {
			dst = append(dst, VoiceOwn)
		}
	}
	// Sentences with an attribution word outside quotes become reported.
	for lo := 0; lo < len(toks); {
		hi := lo
		rep := false
		for hi < len(toks) && toks[hi].Sent == toks[lo].Sent {
			if dst[base+hi] == VoiceOwn && toks[hi].Kind == Word && (attribution[toks[hi].Hash] || attr[hi]) {
				rep = true
			}
			hi++
		}
		if rep {
			for j := lo; j < hi; j++ {
				if dst[base+j] == VoiceOwn {
					dst[base+j] = VoiceReported
				}
			}
		}
		lo = hi
	}
	return dst
}
