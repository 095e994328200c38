package features

// voiceGroup: whose voice the evidence is in (Voices: the outlet's own
// narration, reported speech, quotation), after the codebook's relay rule —
// hostile words relayed from a speaker are not the outlet's stance, its own
// word choice is. For each head with a target:
//   - the article's cue counts split by voice (voice:VOICE:CUE), and the
//     share of the article's words in each voice (voice:share:VOICE);
//   - the cue counts of the target's sentences split by voice
//     (HEAD.vcue:VOICE:CUE);
//   - the share of the target's mentions in each voice
//     (HEAD.mention-voice:VOICE);
//   - the words within the window of a mention that are in the outlet's
//     own voice (HEAD.own-win:WORD), masked as in the target group.
//
// Counts saturate like the cue group's; multi-label heads get none.
type voiceGroup struct{}

func (voiceGroup) article(f *Featurizer, _ *Doc) {
	f.voice = voices(f.toks, f.voice[:0], f.attr)
	f.artVoiceCue = [numVoices][numCues]float32{}
	f.voiceShare = [numVoices]float32{}
	words := 0
	for i := range f.toks {
		if f.toks[i].Kind != Word {
			continue
		}
		words++
		v := f.voice[i]
		f.voiceShare[v]++
		addCues(&f.artVoiceCue[v], f.cues[i], f.neg[i])
	}
	if words > 0 {
		for v := range f.voiceShare {
			f.voiceShare[v] /= float32(words)
		}
	}
}

func (voiceGroup) head(f *Featurizer, s *headScope, d *Doc) {
	h := s.head
	vk := &f.keys.voice
	for v := Voice(0); v < numVoices; v++ {
		if x := f.voiceShare[v]; x > 0 {
			f.addKey(vk.share[v].key, x, vk.share[v].name)
		}
		for k := Cue(0); k < numCues; k++ {
			if x := f.artVoiceCue[v][k]; x != 0 {
				f.addKey(vk.cue[v][k].key, saturate(abs32(x))*sign32(x), vk.cue[v][k].name)
			}
		}
	}
	f.flush(&d.Heads[h], false, false)
	if len(s.ms) == 0 {
		return
	}
	hk := &f.keys.head[h]
	var sc [numVoices][numCues]float32
	for _, b := range s.sentences {
		for i := b[0]; i < b[1]; i++ {
			addCues(&sc[f.voice[i]], f.cues[i], f.neg[i])
		}
	}
	var mv [numVoices]float32
	for _, m := range s.ms {
		mv[f.voice[m.From]]++
	}
	for v := Voice(0); v < numVoices; v++ {
		if mv[v] > 0 {
			f.addKey(hk.mentionVoice[v].key, mv[v]/float32(len(s.ms)), hk.mentionVoice[v].name)
		}
		for k := Cue(0); k < numCues; k++ {
			if x := sc[v][k]; x != 0 {
				f.addKey(hk.voiceCue[v][k].key, saturate(abs32(x))*sign32(x), hk.voiceCue[v][k].name)
			}
		}
	}
	f.flush(&d.Heads[h], false, false)
	prefix := f.schema.Heads[h].Name + "."
	hs := f.headSeed[h]
	for k := range s.ms {
		for _, t := range s.left(k) {
			if f.voice[t.tok] == VoiceOwn && f.toks[t.tok].Kind == Word {
				f.addTerm(seedOW^hs, int(t.tok), s.own, windowWeight(int(t.dist)), prefix)
			}
		}
		for _, t := range s.right(k) {
			if f.voice[t.tok] == VoiceOwn && f.toks[t.tok].Kind == Word {
				f.addTerm(seedOW^hs, int(t.tok), s.own, windowWeight(int(t.dist)), prefix)
			}
		}
	}
	f.flush(&d.Heads[h], true, true)
}

// pairGroup: which other targets a head's target keeps company with. For
// each head with a target and each other target: whether the article
// names the other at all (HEAD.with-article:OTHER) and the share of the
// target's sentences that also name it (HEAD.with-sent:OTHER). It tells
// the azerbaijan head whether Israel is discussed at all (Iran–Azerbaijan
// ties alone are `none` by the codebook) and the stance heads whether a
// country is the subject or a bystander.
type pairGroup struct{}

func (pairGroup) article(*Featurizer, *Doc) {}

func (pairGroup) head(f *Featurizer, s *headScope, d *Doc) {
	if !s.schemaTarget {
		return
	}
	h := s.head
	hk := &f.keys.head[h]
	nt := min(len(f.targets), maxCoTargets)
	var present [maxCoTargets]bool
	for _, m := range f.mentions {
		if m.Target < nt {
			present[m.Target] = true
		}
	}
	var with [maxCoTargets]float32
	for _, b := range s.sentences {
		var in [maxCoTargets]bool
		for i := b[0]; i < b[1]; i++ {
			if t := int(f.isMen[i]) - 1; t >= 0 && t < nt {
				in[t] = true
			}
		}
		for o := 0; o < nt; o++ {
			if in[o] {
				with[o]++
			}
		}
	}
	for o := 0; o < nt; o++ {
		if o == s.own {
			continue
		}
		if present[o] {
			f.addKey(hk.withArticle[o].key, 1, hk.withArticle[o].name)
		}
		if len(s.sentences) > 0 && with[o] > 0 {
			x := with[o] / float32(len(s.sentences))
			f.addKey(hk.withSent[o].key, x, hk.withSent[o].name)
		}
	}
	f.flush(&d.Heads[h], false, false)
}
