package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one subcommand.
type command struct {
	name string
	run  func(e *env, args []string) error
}

// commands are the subcommands, in the order help lists them.
var commands = []command{
	{"score", runScore},
	{"train", runTrain},
	{"eval", runEval},
	{"explain", runExplain},
	{"label", runLabel},
	{"suggest", runSuggest},
	{"aggregate", runAggregate},
	{"info", runInfo},
	{"export", runExport},
	{"version", runVersion},
}

// helpText is a command's help; helps is the one place it is written.
// (It is apart from commands because the commands' run functions print
// it.)
type helpText struct{ summary, synopsis, example string }

var helps = map[string]helpText{
	"score": {"score articles: stance per head, signed scores, frames",
		"[--model MODEL] [--format jsonl|csv|table] [-o FILE|-] [--text-field F] [--id-field F] [--quiet] INPUT...", scoreExample},
	"train": {"train a model on a labelled corpus or stance examples",
		"(--corpus DIR|FILE --labels FILE | --examples FILE) [--from MODEL|default] -o MODEL [flags]", trainExample},
	"eval": {"report precision, recall and F1 against hand labels",
		"(--corpus DIR|FILE --labels FILE | --examples FILE) [--model MODEL | --cv K | --learning-curve] [flags]", evalExample},
	"explain": {"show why each head decided what it did for one article",
		"[--model MODEL] [--top N] [--id ID | --all] [--class HEAD=VALUE] INPUT", explainExample},
	"label": {"label articles in the terminal, most informative first; resumable",
		"[--labels FILE] [--order active|input|random] [--annotator NAME] [--model MODEL] INPUT...", labelExample},
	"suggest": {"list the unlabelled articles whose labels would teach the model most",
		"[--labels FILE] [--top N] [--format table|jsonl] [--model MODEL] INPUT...", suggestExample},
	"aggregate": {"summarise scores per outlet and period: label shares, mean score with a 95% CI",
		"[--by outlet[,week|month|year]] [--format table|csv|json|html] [-o FILE] SCORES.jsonl...", aggregateExample},
	"info": {"describe a model file: heads, features, training data, settings, calibration",
		"[--json] [MODEL]", infoExample},
	"export": {"write articles as Label Studio tasks pre-annotated with the model's labels",
		"--label-studio [--model MODEL] [-o TASKS.json] [--config CONFIG.xml] INPUT...", exportExample},
	"version": {"print the version and the default model's provenance", "", "  stance version"},
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

const mainUsage = `stance reads news articles and scores each one's stance toward Israel and
toward Iran, how it frames Azerbaijan's position between them, and the
frames it uses (security, economy, diplomacy, humanitarian, legal, identity).

Usage:
  stance <command> [flags] [arguments]

Commands:
%s
Run 'stance <command> -h' for a command's flags and an example.

Example:
  stance score --format table testdata/corpus/articles/wire
`

func printUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, helps[c.name].summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// printCommandUsage prints a command's help: synopsis, flags, example.
func printCommandUsage(w io.Writer, fs *flag.FlagSet) {
	c := helps[fs.Name()]
	fmt.Fprintf(w, "Usage: stance %s %s\n\n%s.\n\nFlags:\n", fs.Name(), c.synopsis, c.summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, "\nExample:\n%s\n", c.example)
}
