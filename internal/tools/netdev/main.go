// Command netdev measures the attention network (classifier.Net) and its
// ensembles with the linear model on NewsMTSC's two dev sets, for choosing
// the network's settings without touching test_mt. It featurizes once,
// trains the linear model (SGD, --features base --l2 3e-4) once, then one
// network per -grid entry, and prints macro-F1 on dev_mt and dev_rw for the
// network alone and for each ensemble weight.
//
//	go run ./internal/tools/netdev -shared ../shared -grid 'hidden=0,heads=2;hidden=50,window=3'
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

func main() {
	shared := flag.String("shared", "../shared", "directory holding data/newsmtsc")
	grid := flag.String("grid", "", "network settings to try, ';'-separated, each a ','-separated list of key=value (hidden, window, heads, mlp, epochs, rate, batch, dropout, l2, members, seed)")
	weights := flag.String("weights", "0.3,0.4,0.5,0.6,0.7", "ensemble weights of the network")
	test := flag.Bool("test", false, "also report test_mt (only for the final, chosen settings)")
	linAlgo := flag.String("linear", "sgd", "the linear model's trainer: sgd or logreg (L-BFGS)")
	flag.Parse()
	dir := filepath.Join(*shared, "data", "newsmtsc")
	splits := []string{"train", "dev_mt", "dev_rw"}
	if *test {
		splits = append(splits, "test_mt")
	}
	var arts [][]*labels.Article
	var vals []string
	for _, s := range splits {
		a, err := labels.ReadAll([]string{filepath.Join(dir, s+".jsonl")}, labels.Options{Examples: true})
		if err != nil {
			log.Fatal(err)
		}
		arts = append(arts, a)
	}
	for _, a := range arts[0] {
		if !contains(vals, a.Label) {
			vals = append(vals, a.Label)
		}
	}
	schema := labels.ExampleSchema(vals)
	head := &schema.Heads[0]
	fc := features.BaseConfig()
	fz, err := stance.NewFeaturizer(schema, fc)
	if err != nil {
		log.Fatal(err)
	}
	fz.RecordSequences(true)
	var dss []*classifier.Dataset
	var ys [][]int
	for _, as := range arts {
		sets := make([]*labels.LabelSet, len(as))
		y := make([]int, len(as))
		for i, a := range as {
			sets[i] = &labels.LabelSet{ID: a.ID, Single: map[string]string{head.Name: a.Label}}
			y[i] = head.Index(a.Label)
		}
		dss = append(dss, classifier.Featurize(fz, as, sets, 1))
		ys = append(ys, y)
	}
	tc := classifier.DefaultTrainConfig()
	tc.Algo, tc.L2, tc.Workers = *linAlgo, 3e-4, 1
	t0 := time.Now()
	lin, err := classifier.Fit(dss[0], nil, tc)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "linear fit %.1fs\n", time.Since(t0).Seconds())
	p, err := classifier.NewPredictor(lin)
	if err != nil {
		log.Fatal(err)
	}
	k := len(head.Values)
	linLP := make([][][]float64, len(dss))
	for s, ds := range dss[1:] {
		for i := 0; i < ds.Len(); i++ {
			pr := p.Predict(ds.Doc(i), nil)[0].Probs
			lp := make([]float64, k)
			for c := range lp {
				lp[c] = safeLog(pr[c])
			}
			linLP[s+1] = append(linLP[s+1], lp)
		}
	}
	var ws []float64
	for _, f := range strings.Split(*weights, ",") {
		w, _ := strconv.ParseFloat(f, 64)
		ws = append(ws, w)
	}
	fmt.Printf("linear alone:%s\n", scores(dss, ys, linLP, nil, 0, k))
	// Class weights as the linear model's (balanced).
	cnt := make([]float64, k)
	for _, c := range ys[0] {
		cnt[c]++
	}
	cw := make([]float64, len(ys[0]))
	for i, c := range ys[0] {
		cw[i] = float64(len(ys[0])) / (float64(k) * cnt[c])
	}
	for _, spec := range strings.Split(*grid, ";") {
		cfg := classifier.DefaultNetConfig()
		seed := uint64(1)
		for _, kv := range strings.Split(spec, ",") {
			if kv = strings.TrimSpace(kv); kv == "" {
				continue
			}
			key, v, _ := strings.Cut(kv, "=")
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				log.Fatalf("%s: %v", kv, err)
			}
			switch key {
			case "hidden":
				cfg.Hidden = int(f)
			case "window":
				cfg.Window = int(f)
			case "heads":
				cfg.Heads = int(f)
			case "mlp":
				cfg.MLP = int(f)
			case "epochs":
				cfg.Epochs = int(f)
			case "rate":
				cfg.Rate = f
			case "batch":
				cfg.Batch = int(f)
			case "dropout":
				cfg.Dropout = f
			case "l2":
				cfg.L2 = f
			case "members":
				cfg.Members = int(f)
			case "seed":
				seed = uint64(f)
			default:
				log.Fatalf("unknown setting %q", key)
			}
		}
		t0 := time.Now()
		net, err := classifier.FitNet(dss[0].Seqs, ys[0], cw, k, cfg, seed)
		if err != nil {
			log.Fatal(err)
		}
		fit := time.Since(t0).Seconds()
		netLP := make([][][]float64, len(dss))
		t0 = time.Now()
		for s, ds := range dss[1:] {
			for i := 0; i < ds.Len(); i++ {
				lp := make([]float64, k)
				if sq := ds.Seqs[i]; sq != nil {
					net.LogProbs(sq, lp)
				}
				netLP[s+1] = append(netLP[s+1], lp)
			}
		}
		pred := time.Since(t0).Seconds()
		fmt.Printf("%-50s fit %5.1fs predict %.2fs\n", fmt.Sprintf("%+v seed %d", cfg, seed), fit, pred)
		fmt.Printf("  net alone:%s\n", scores(dss, ys, linLP, netLP, 1, k))
		for _, w := range ws {
			fmt.Printf("  w=%.2f:%s\n", w, scores(dss, ys, linLP, netLP, w, k))
		}
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func safeLog(x float64) float64 {
	if x < 1e-12 {
		x = 1e-12
	}
	return mathLog(x)
}

// scores is macro-F1 on each evaluated split for the mix (1−w)·linear +
// w·net of log-probabilities.
func scores(dss []*classifier.Dataset, ys [][]int, lin, net [][][]float64, w float64, k int) string {
	var b strings.Builder
	names := []string{"", "dev_mt", "dev_rw", "test_mt"}
	for s := 1; s < len(dss); s++ {
		pred := make([]int, len(ys[s]))
		for i := range pred {
			best, bv := 0, 0.0
			for c := 0; c < k; c++ {
				v := (1 - w) * lin[s][i][c]
				if net != nil {
					v += w * net[s][i][c]
				}
				if c == 0 || v > bv {
					best, bv = c, v
				}
			}
			pred[i] = best
		}
		fmt.Fprintf(&b, " %s %.2f", names[s], 100*macroF1(ys[s], pred, k))
	}
	return b.String()
}

func macroF1(y, p []int, k int) float64 {
	sum := 0.0
	for c := 0; c < k; c++ {
		tp, fp, fn := 0, 0, 0
		for i := range y {
			switch {
			case p[i] == c && y[i] == c:
				tp++
			case p[i] == c:
				fp++
			case y[i] == c:
				fn++
			}
		}
		if tp > 0 {
			sum += 2 * float64(tp) / float64(2*tp+fp+fn)
		}
	}
	return sum / float64(k)
}

var mathLog = math.Log
