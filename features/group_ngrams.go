package features

// ngramGroup: article-wide word unigrams and bigrams (within a sentence,
// punctuation skipped), sublinear counts, one unit-length block.
type ngramGroup struct{}

func (ngramGroup) article(f *Featurizer, d *Doc) {
	toks := f.toks
	n := len(toks)
	for i := 0; i < n; i++ {
		if toks[i].Kind == Punct {
			continue
		}
		idx := f.bucket(mix(toks[i].Hash, seedUni))
		f.add(idx, 1)
		if f.names != nil {
			f.name(idx, "word:"+string(toks[i].Term))
		}
		if i+1 < n && toks[i+1].Kind != Punct && toks[i+1].Sent == toks[i].Sent {
			idx := f.bucket(mix(toks[i].Hash*31+toks[i+1].Hash, seedBi))
			f.add(idx, 1)
			if f.names != nil {
				f.name(idx, "bigram:"+string(toks[i].Term)+" "+string(toks[i+1].Term))
			}
		}
	}
	f.flush(&d.Shared, true, true)
}

func (ngramGroup) head(*Featurizer, *headScope, *Doc) {}
