#!/usr/bin/env bash
# bench-throughput.sh: whole-process scoring throughput of the stance binary.
#
# What it measures: `stance score FILE > /dev/null` on a generated JSON Lines
# file of news-like articles (internal/tools/genbench recombines sentences of
# testdata/corpus/articles), with --workers 1 and --workers 2: wall seconds,
# MB/s (input bytes / wall), articles/s, CPU use and peak RSS, all from
# /usr/bin/time -v. When the `fasttext` binary is installed (Debian package
# fasttext), it also trains a quick fastText supervised model on the corpus
# (label: the azerbaijan head of testdata/corpus/labels.jsonl) and times
# `fasttext predict MODEL TEXT > /dev/null` on the same articles as plain text,
# one per line (fastText predict is single-threaded). Then it prints a table.
# Its "others" column is how many cores the rest of the machine kept busy
# during each run: anything well above 0 means the timing was disturbed.
#
# Reproduce (from the repository root):
#   make bench-throughput                  # 100 MB, seed 1
#   SIZE=1GB make bench-throughput         # check that peak RSS stays flat
#   SIZE="100MB 1GB" scripts/bench-throughput.sh   # both, in one table
#
# Environment: SIZE (default 100MB; KB/MB/GB are powers of 1000; a list runs
# each), SEED (default 1), WORKERS (default "1 2"), BENCH_DIR (generated
# inputs, reused when present, and timings; default ${TMPDIR:-/tmp}/stance-bench),
# FT_ARGS (fastText training flags), GO (default go).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

SIZE=${SIZE:-100MB}
SEED=${SEED:-1}
WORKERS=${WORKERS:-1 2}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/stance-bench}
GO=${GO:-go}
# The same settings as ../shared/peers/ft_stance.py.
FT_ARGS=${FT_ARGS:--epoch 25 -lr 0.5 -wordNgrams 2 -dim 50 -minCount 1 -thread 2}
CORPUS=testdata/corpus

need_gnu_time
mkdir -p "$BENCH_DIR"
load_warning

say "\$ CGO_ENABLED=0 $GO build -o stance ./cmd/stance"
CGO_ENABLED=0 "$GO" build -o stance ./cmd/stance
"$GO" build -o "$BENCH_DIR/genbench" ./internal/tools/genbench

ROWS=()
# row SIZE SYSTEM BYTES ARTICLES: appends a table row from the last timed run.
row() {
	ROWS+=("$(awk -v size="$1" -v sys="$2" -v bytes="$3" -v n="$4" -v wall="$WALL" \
		-v cpu="$CPU_PCT" -v cpus="$CPU_S" -v rss="$RSS_MIB" -v other="$OTHER" 'BEGIN {
		if (wall <= 0) wall = 0.01
		if (cpus <= 0) cpus = 0.01
		printf "| %-6s | %-23s | %8.1f | %8d | %7.2f | %6.2f | %10.0f | %7.2f | %5s%% | %9.2f | %12s | %6s |",
			size, sys, bytes / 1e6, n, wall, bytes / 1e6 / wall, n / wall, cpus, cpu, bytes / 1e6 / cpus, rss, other }')")
}

# fastText: a quick supervised model on the corpus, trained once per run.
FT_MODEL=
if ! command -v fasttext >/dev/null; then
	say "fasttext is not installed (make peers): skipping fastText"
elif ! command -v jq >/dev/null; then
	say "fasttext is installed but jq is not (apt-get install jq): skipping fastText"
else
	ft_train=$BENCH_DIR/ft-corpus-train.txt
	jq -r '[.id, .azerbaijan] | @tsv' "$CORPUS/labels.jsonl" | while IFS=$'\t' read -r id label; do
		printf '__label__%s %s\n' "$label" "$(tr '\n\r' '  ' <"$CORPUS/articles/$id.txt")"
	done >"$ft_train"
	say "\$ fasttext supervised -input $ft_train -output $BENCH_DIR/ft-corpus $FT_ARGS"
	# shellcheck disable=SC2086 # FT_ARGS is a list of flags
	fasttext supervised -input "$ft_train" -output "$BENCH_DIR/ft-corpus" $FT_ARGS >"$BENCH_DIR/ft-train.log" 2>&1 ||
		die "fasttext supervised failed; see $BENCH_DIR/ft-train.log"
	FT_MODEL=$BENCH_DIR/ft-corpus.bin
fi

for size in $SIZE; do
	input=$BENCH_DIR/articles-$size-seed$SEED.jsonl
	text=$BENCH_DIR/articles-$size-seed$SEED.txt
	if [[ ! -s $input || ! -s $text ]]; then
		say "\$ genbench -size $size -seed $SEED -o $input -text $text"
		"$BENCH_DIR/genbench" -size "$size" -seed "$SEED" -o "$input" -text "$text"
	else
		say "reusing $input and $text"
	fi
	bytes=$(wc -c <"$input")
	text_bytes=$(wc -c <"$text")
	articles=$(wc -l <"$input")

	for w in $WORKERS; do
		timed "stance-$size-w$w" /dev/null ./stance score --workers "$w" "$input"
		row "$size" "stance --workers $w" "$bytes" "$articles"
	done
	if [[ -n $FT_MODEL ]]; then
		timed "fasttext-$size" /dev/null fasttext predict "$FT_MODEL" "$text"
		row "$size" "fasttext predict (text)" "$text_bytes" "$articles"
	fi
done

printf '\nstance throughput: %s\n' "$(machine)"
printf '| %-6s | %-23s | %8s | %8s | %7s | %6s | %10s | %7s | %6s | %9s | %12s | %6s |\n' \
	size system "input MB" articles "wall s" "MB/s" articles/s "CPU s" CPU "MB/CPU s" "peak RSS MiB" others
printf '|--------|-------------------------|----------|----------|---------|--------|------------|---------|--------|-----------|--------------|--------|\n'
printf '%s\n' "${ROWS[@]}"
printf '\nMB = 10^6 bytes; MB/s = input bytes / wall time of the whole process (start-up included);\n'
printf 'CPU s = user + system seconds; CPU = CPU s / wall (percent of one core); MB/CPU s =\n'
printf 'input MB per CPU second; others = cores kept busy by other processes meanwhile.\n'
printf 'stance reads JSON Lines (text and metadata) and scores every head; fastText reads the\n'
printf 'same articles as plain text, one per line, and predicts one head (azerbaijan).\n'
printf 'Inputs and /usr/bin/time -v reports: %s\n' "$BENCH_DIR"
