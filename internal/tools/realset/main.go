// Command realset builds and checks the project's set of real news excerpts.
//
// The excerpts are third-party text: they live in a cache outside the
// repository (default $HOME/.cache/stance/real, or $STANCE_REAL_CACHE), and
// the repository holds only their index (testdata/real/index.jsonl: id, url,
// outlet, language, date, word count, the query that found it and the
// SHA-256 of the text) and our labels.
//
//	go run ./internal/tools/realset build [-cache DIR] [-index FILE] [-restore]
//	go run ./internal/tools/realset check [-cache DIR] [-index FILE]
//
// build reads the harvest files under CACHE/raw/*/q*.txt (the format is in
// testdata/real/README.md), keeps prose excerpts of 120 words or more that
// name at least two of Azerbaijan, Israel and Iran (English) or that a
// harvester kept in another language, drops repeated addresses and
// near-copies (word 5-shingle Jaccard >= 0.5, the first found wins), runs
// ../shared/heldout/check and drops every excerpt it names, and writes
// CACHE/articles.jsonl (English), CACHE/other.jsonl (other languages) and the
// index files. With -restore it keeps exactly the excerpts of an existing
// index whose text hashes match, so a rebuilt cache matches the committed
// index whatever else the new harvest found.
//
// check compares the cache with the index: every indexed id present, every
// hash equal, no extra record; it prints what is missing and exits 1 on any
// difference, 2 when the cache is absent.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/stance-project/stance/internal/realdata"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: realset build|check [flags]")
		os.Exit(2)
	}
	cmd := os.Args[1]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	cache := fs.String("cache", DefaultCache(), "cache directory holding the excerpt texts")
	index := fs.String("index", "testdata/real", "directory holding index.jsonl and index-other.jsonl")
	restore := fs.Bool("restore", false, "build: keep only the excerpts of the existing index")
	heldout := fs.String("heldout", "../shared/heldout/check", "build: the held-out check script")
	fs.Parse(os.Args[2:])
	var err error
	switch cmd {
	case "build":
		err = Build(*cache, *index, *heldout, *restore, os.Stdout)
	case "check":
		err = Check(*cache, *index, os.Stdout)
		if err == errNoCache {
			fmt.Fprintln(os.Stderr, "realset:", err)
			os.Exit(2)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: realset build|check [flags]")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "realset:", err)
		os.Exit(1)
	}
}

// DefaultCache is $STANCE_REAL_CACHE, else $HOME/.cache/stance/real.
func DefaultCache() string { return realdata.Cache() }
