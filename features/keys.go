package features

import (
	"strings"

	"github.com/stance-project/stance/labels"
)

// A named fixed feature: its hash key and its readable name.
type namedKey struct {
	key  uint64
	name string
}

var cueScopeNames = [numCueScopes]string{"sent", "sent-not", "left", "right", "clause"}

type targetKeys struct {
	count      [5]namedKey
	head, lead namedKey
}

type headKeys struct {
	sentiment    sentimentKeys
	voiceCue     [numVoices][numCues]namedKey
	mentionVoice [numVoices]namedKey
	withArticle  [maxCoTargets]namedKey
	withSent     [maxCoTargets]namedKey
	cue          [numCueScopes][numCues]namedKey
	count        [5]namedKey
	head, lead   namedKey
}

// sentimentKeys are one head's sentiment features.
type sentimentKeys struct {
	negMean, posMean, negMax, posMax, headNeg, headPos namedKey
}

// fixedKeys holds every feature whose name does not depend on the text,
// computed once so the hot path neither hashes nor builds strings.
type fixedKeys struct {
	bias        namedKey
	cue, cueNeg [numCues]namedKey
	target      []targetKeys
	together    [maxCoTargets][maxCoTargets]namedKey
	head        []headKeys
	voice       voiceKeys
}

// voiceKeys are the voice group's article-wide features.
type voiceKeys struct {
	share [numVoices]namedKey
	cue   [numVoices][numCues]namedKey
}

func nk(name string) namedKey { return namedKey{keyOf(name), name} }

func makeKeys(s *labels.Schema, targets []*labels.Target) fixedKeys {
	var k fixedKeys
	k.bias = nk("bias")
	for c := Cue(0); c < numCues; c++ {
		k.cue[c] = nk("cue:article:" + cueNames[c])
		k.cueNeg[c] = nk("cue:article:not-" + cueNames[c])
	}
	for v := Voice(0); v < numVoices; v++ {
		k.voice.share[v] = nk("voice:share:" + voiceNames[v])
		for c := Cue(0); c < numCues; c++ {
			k.voice.cue[v][c] = nk("voice:" + voiceNames[v] + ":" + cueNames[c])
		}
	}
	for x, t := range targets {
		tn := strings.ToLower(t.Name)
		var tk targetKeys
		for b, n := range countNames {
			tk.count[b] = nk("mentions:" + tn + ":" + n)
		}
		tk.head, tk.lead = nk("headline:"+tn), nk("lead:"+tn)
		k.target = append(k.target, tk)
		for y := x + 1; y < len(targets) && y < maxCoTargets && x < maxCoTargets; y++ {
			k.together[x][y] = nk("together:" + tn + "+" + strings.ToLower(targets[y].Name))
		}
	}
	for _, h := range s.Heads {
		p := h.Name + "."
		var hk headKeys
		for sc, sn := range cueScopeNames {
			for c := Cue(0); c < numCues; c++ {
				hk.cue[sc][c] = nk(p + "cue:" + sn + ":" + cueNames[c])
			}
		}
		for b, n := range countNames {
			hk.count[b] = nk(p + "mentions:" + n)
		}
		hk.head, hk.lead = nk(p+"in-headline"), nk(p+"in-lead")
		for v := Voice(0); v < numVoices; v++ {
			hk.mentionVoice[v] = nk(p + "mention-voice:" + voiceNames[v])
			for c := Cue(0); c < numCues; c++ {
				hk.voiceCue[v][c] = nk(p + "vcue:" + voiceNames[v] + ":" + cueNames[c])
			}
		}
		for o, t := range targets {
			if o >= maxCoTargets {
				break
			}
			tn := strings.ToLower(t.Name)
			hk.withArticle[o] = nk(p + "with-article:" + tn)
			hk.withSent[o] = nk(p + "with-sent:" + tn)
		}
		sp := p + "sentiment:"
		hk.sentiment = sentimentKeys{
			negMean: nk(sp + "neg-mean"), posMean: nk(sp + "pos-mean"),
			negMax: nk(sp + "neg-max"), posMax: nk(sp + "pos-max"),
			headNeg: nk(sp + "headline-neg"), headPos: nk(sp + "headline-pos"),
		}
		k.head = append(k.head, hk)
	}
	return k
}
