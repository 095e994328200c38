package stance_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"

	"github.com/stance-project/stance"
)

const exampleText = `Azerbaijan deepens defence ties with Israel
Baku signed a new drone deal with Israel on Monday, praising its trusted partner.
Iran condemned the deal and warned Azerbaijan against hosting Israeli forces.`

func ExampleDefault() {
	m, err := stance.Default()
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range m.Schema().Heads {
		fmt.Println(h.Name, h.Values)
	}
	// Output:
	// israel [pro anti neutral]
	// iran [pro anti neutral]
	// azerbaijan [balanced israel-aligned iran-aligned none]
	// frames [security economy diplomacy humanitarian legal identity]
}

func ExampleModel_Score() {
	m, err := stance.Default()
	if err != nil {
		log.Fatal(err)
	}
	r := m.Score(stance.Article{ID: "a1", Text: exampleText})
	for _, h := range r.Heads {
		if h.Label != "" {
			fmt.Printf("%s: %s (score %+.2f, %d mentions)\n", h.Head, h.Label, h.Score, h.Mentions)
		} else {
			fmt.Printf("%s: %v\n", h.Head, h.Labels)
		}
	}
	// Output:
	// israel: neutral (score +0.04, 3 mentions)
	// iran: neutral (score -0.01, 1 mentions)
	// azerbaijan: israel-aligned (score +0.86, 3 mentions)
	// frames: [security diplomacy]
}

func ExampleModel_ScoreAll() {
	m, err := stance.Default()
	if err != nil {
		log.Fatal(err)
	}
	arts := []stance.Article{
		{ID: "a1", Text: exampleText},
		{ID: "a2", Text: "Flights resumed at Baku airport on Monday."},
		{ID: "a3", Text: "Tehran praised Baku's brotherly friendship with Iran as trade grew."},
	}
	// Results come in input order whatever the number of workers. (a3:
	// warm Iran–Azerbaijan ties that never discuss Israel are `none` by
	// the codebook.)
	for r, err := range m.ScoreAll(context.Background(), slices.Values(arts), 2) {
		if err != nil {
			log.Fatal(err)
		}
		az, _ := r.Head("azerbaijan")
		fmt.Println(r.ID, az.Label)
	}
	// Output:
	// a1 israel-aligned
	// a2 none
	// a3 none
}

func ExampleModel_Explain() {
	m, err := stance.Default()
	if err != nil {
		log.Fatal(err)
	}
	_, ex := m.Explain(stance.Article{ID: "a1", Text: exampleText}, 2)
	for _, e := range ex {
		if e.Head == "azerbaijan" {
			fmt.Println(e.Decision)
			for _, s := range e.Sentences {
				fmt.Printf("  %.3f %s\n", s.Effect, s.Sentence)
			}
		}
	}
	// Output:
	// azerbaijan=israel-aligned
	//   0.067 Azerbaijan deepens defence ties with Israel
	//   0.055 Baku signed a new drone deal with Israel on Monday, praising its trusted partner.
}

func ExampleLoad() {
	dir, err := os.MkdirTemp("", "stance-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.stance")
	// A model file as `stance train -o` writes it.
	if err := os.WriteFile(path, stance.DefaultModelFile(), 0o644); err != nil {
		log.Fatal(err)
	}
	m, err := stance.Load(path)
	if err != nil {
		log.Fatal(err)
	}
	r := m.Score(stance.Article{ID: "a2", Text: "Flights resumed at Baku airport on Monday."})
	fr, _ := r.Head("frames")
	fmt.Println(len(fr.Probs), "frame probabilities")
	// Output:
	// 6 frame probabilities
}
