package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func readIndex(path string) ([]Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func readArticles(path string) (map[string]Article, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]Article{}
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var a Article
		if err := json.Unmarshal(line, &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		out[a.ID] = a
	}
	return out, nil
}

// Check compares the cache with the index and reports every difference.
func Check(cache, indexDir string, log io.Writer) error {
	bad := 0
	for _, pair := range [][2]string{{"index.jsonl", "articles.jsonl"}, {"index-other.jsonl", "other.jsonl"}} {
		idx, err := readIndex(filepath.Join(indexDir, pair[0]))
		if err != nil {
			return err
		}
		cpath := filepath.Join(cache, pair[1])
		arts, err := readArticles(cpath)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %s is missing (%d excerpts indexed); rebuild it as testdata/real/README.md says", errNoCache, cpath, len(idx))
		}
		if err != nil {
			return err
		}
		missing, changed := 0, 0
		inIndex := map[string]bool{}
		for _, e := range idx {
			inIndex[e.ID] = true
			a, ok := arts[e.ID]
			switch {
			case !ok:
				missing++
				if missing <= 10 {
					fmt.Fprintf(log, "missing: %s %s\n", e.ID, e.URL)
				}
			case Hash(a.Text) != e.SHA256:
				changed++
				fmt.Fprintf(log, "hash differs: %s %s\n", e.ID, e.URL)
			}
		}
		extra := 0
		for id := range arts {
			if !inIndex[id] {
				extra++
			}
		}
		fmt.Fprintf(log, "%s: %d indexed, %d cached, %d missing, %d with a different text, %d not in the index\n",
			pair[1], len(idx), len(arts), missing, changed, extra)
		bad += missing + changed + extra
	}
	if bad > 0 {
		return fmt.Errorf("the cache at %s does not match the index (%d differences)", cache, bad)
	}
	return nil
}
