#!/usr/bin/env bash
# bench-newsmtsc.sh: stance against its peers on NewsMTSC (train -> test_mt).
#
# What it measures: `stance train --examples train.jsonl` (fit time: wall time
# of the whole process) and `stance eval` on test_mt.jsonl (predict time: wall
# time of the whole process; its report, with per-class precision/recall,
# macro avg and F_avg, is printed; a second `eval --json` run gives the
# figures for the table). Then, when installed, the peer baselines in
# ../shared/peers on the same split: scikit-learn LinearSVC on word and char
# n-grams (sk_stance.py) and fastText supervised (ft_stance.py); their fit and
# predict times are their own in-process timers. One table compares them:
# system | macro-F1 | F_avg | fit s | predict s | process wall s | peak RSS |
# others (cores the rest of the machine kept busy meanwhile: well above 0
# means the timings were disturbed).
#
# Reproduce (from the repository root; the data are read from ../shared at
# run time, never copied into the repository):
#   make peers            # once, as root: apt-get install -y python3-sklearn fasttext
#   make bench-newsmtsc
#   STANCE_TRAIN_ARGS="--l2 0.003 --features -vectors" make bench-newsmtsc
#   (default: the dev-chosen "--algo sgd --features base --l2 3e-4"; set it
#   empty for the plain defaults)
#   STANCE_MORE_ARGS="--features base --l2 3e-4;--features +bytarget" make bench-newsmtsc
#   (further stance rows, separated by ";"; default: the L-BFGS fit
#   "--features base --l2 3e-4", then the same features with "--algo
#   neural" and "--algo ensemble"; set it empty for none)
#
# Environment: SHARED (default ../shared), STANCE_TRAIN_ARGS (flags for
# stance train; default "--algo sgd --features base --l2 3e-4"),
# STANCE_MORE_ARGS (more stance rows, ";"-separated), TEST (default $SHARED/data/newsmtsc/test_mt.jsonl), BENCH_DIR
# (model, reports and timings; default ${TMPDIR:-/tmp}/stance-bench), GO.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

SHARED=${SHARED:-../shared}
DATA=$SHARED/data/newsmtsc
TRAIN=${TRAIN:-$DATA/train.jsonl}
TEST=${TEST:-$DATA/test_mt.jsonl}
PEERS=$SHARED/peers
PY=/usr/bin/python3
GO=${GO:-go}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/stance-bench}
# The settings chosen on dev_mt and dev_rw (README, "NewsMTSC"): the fast
# trainer by default; the further rows are the slower L-BFGS fit, about a
# point more accurate on dev, the attention network alone (--algo neural)
# and its ensemble with the fast trainer's model (--algo ensemble).
read -r -a TRAIN_ARGS <<<"${STANCE_TRAIN_ARGS---algo sgd --features base --l2 3e-4}"
DEFAULT_MORE="--features base --l2 3e-4;--algo neural --features base --l2 3e-4;--algo ensemble --features base --l2 3e-4"

[[ -d $SHARED ]] || die "$SHARED is absent: this benchmark reads NewsMTSC from $SHARED/data/newsmtsc (set SHARED=DIR to point elsewhere)"
[[ -f $TRAIN ]] || die "$TRAIN not found"
[[ -f $TEST ]] || die "$TEST not found"
command -v jq >/dev/null || [[ -x $PY ]] || die "need jq or $PY to read stance eval --json"

mkdir -p "$BENCH_DIR"
need_gnu_time
load_warning

say "\$ CGO_ENABLED=0 $GO build -o stance ./cmd/stance"
CGO_ENABLED=0 "$GO" build -o stance ./cmd/stance

ROWS=()
# row SYSTEM MACRO_F1 F_AVG FIT_S PREDICT_S WALL_S RSS_MIB OTHERS
row() {
	ROWS+=("$(printf '| %-36s | %8s | %6s | %7s | %9s | %14s | %12s | %6s |' "$@")")
}

# --- stance ---------------------------------------------------------------
percent() { awk -v x="$1" 'BEGIN { if (x == "n/a") print x; else printf "%.2f", x * 100 }'; }

# stance_row NAME ARGS...: trains with ARGS, evaluates on $TEST and adds a
# row; NAME tells the runs' files apart.
stance_row() {
	local name=$1
	shift
	local model=$BENCH_DIR/newsmtsc-$name.stance
	timed "stance-train-$name" "$BENCH_DIR/stance-train-$name.out" ./stance train --examples "$TRAIN" -o "$model" "$@"
	cat "$BENCH_DIR/stance-train-$name.out"
	local fit_s=$WALL fit_rss=$RSS_MIB fit_other=$OTHER

	timed "stance-eval-$name" "$BENCH_DIR/stance-eval-$name.out" ./stance eval --model "$model" --examples "$TEST"
	cat "$BENCH_DIR/stance-eval-$name.out"
	local predict_s=$WALL predict_rss=$RSS_MIB predict_other=$OTHER

	say "\$ ./stance eval --model $model --examples $TEST --json > $BENCH_DIR/stance-eval-$name.json"
	./stance eval --model "$model" --examples "$TEST" --json >"$BENCH_DIR/stance-eval-$name.json"
	# The stance-example schema has one head ("stance"); f1 values are fractions.
	local macro favg
	if command -v jq >/dev/null; then
		read -r macro favg < <(jq -r '.heads[0] | "\(.macro_avg.f1) \(.f_avg // "n/a")"' "$BENCH_DIR/stance-eval-$name.json")
	else
		read -r macro favg < <("$PY" -c 'import json, sys; h = json.load(open(sys.argv[1]))["heads"][0]
print(h["macro_avg"]["f1"], h.get("f_avg", "n/a"))' "$BENCH_DIR/stance-eval-$name.json")
	fi
	row "stance${*:+ $*}" "$(percent "$macro")" "$(percent "$favg")" "$fit_s" "$predict_s" \
		"$(awk -v a="$fit_s" -v b="$predict_s" 'BEGIN { printf "%.2f", a + b }')" \
		"$((fit_rss > predict_rss ? fit_rss : predict_rss))" \
		"$(awk -v a="$fit_other" -v b="$predict_other" 'BEGIN { print (a > b ? a : b) }')"
}

stance_row default "${TRAIN_ARGS[@]}"
# Further configurations, one row each (STANCE_MORE_ARGS, separated by ";").
IFS=';' read -r -a MORE <<<"${STANCE_MORE_ARGS-$DEFAULT_MORE}"
n=0
for more in "${MORE[@]}"; do
	read -r -a args <<<"$more"
	((${#args[@]})) || continue
	n=$((n + 1))
	stance_row "more$n" "${args[@]}"
done

# --- peers ----------------------------------------------------------------
# field LINE KEY: the value of KEY=VALUE in a tab-separated line.
field() { sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" <<<"$1"; }

# peer LABEL NAME SCRIPT ARGS...: runs a peer script, prints its output and
# adds a row NAME from its OVERALL line (F_avg=.. macroF1=.. fit_s=.. predict_s=..).
peer() {
	local label=$1 name=$2 script=$3
	shift 3
	timed "$label" "$BENCH_DIR/$label.out" "$PY" "$PEERS/$script" "$TRAIN" "$TEST" "$@"
	cat "$BENCH_DIR/$label.out"
	local overall
	overall=$(grep '^OVERALL' "$BENCH_DIR/$label.out") || die "$script printed no OVERALL line"
	row "$name" "$(field "$overall" macroF1)" "$(field "$overall" F_avg)" \
		"$(field "$overall" fit_s)" "$(field "$overall" predict_s)" "$WALL" "$RSS_MIB" "$OTHER"
}

have_sklearn=false
if [[ -x $PY ]] && "$PY" -c 'import sklearn' 2>/dev/null; then
	have_sklearn=true
fi
if $have_sklearn; then
	peer peer-sklearn "scikit-learn LinearSVC C=0.5 (peer)" sk_stance.py --model svm --C 0.5 --favg positive,negative
else
	say "scikit-learn not installed for $PY (make peers): skipping sk_stance.py"
fi
if $have_sklearn && command -v fasttext >/dev/null; then
	peer peer-fasttext "fastText supervised (peer)" ft_stance.py --favg positive,negative
else
	say "fasttext or scikit-learn not installed (make peers): skipping ft_stance.py"
fi

# --- table ----------------------------------------------------------------
printf '\nNewsMTSC %s -> %s: %s\n' "$(basename "$TRAIN")" "$(basename "$TEST")" "$(machine)"
printf '| %-36s | %8s | %6s | %7s | %9s | %14s | %12s | %6s |\n' system macro-F1 F_avg "fit s" "predict s" "process wall s" "peak RSS MiB" others
printf '|--------------------------------------|----------|--------|---------|-----------|----------------|--------------|--------|\n'
printf '%s\n' "${ROWS[@]}"
printf '\nmacro-F1 and F_avg (mean F1 of positive and negative) in percent, on %s.\n' "$TEST"
printf 'stance: fit s and predict s are the wall times of the whole stance train and stance eval\n'
printf 'processes (reading, featurizing, word-vector loading included). Peers: their in-process\n'
printf 'timers (vectorizing included; Python start-up and JSON loading excluded); process wall s\n'
printf 'is the whole peer script, both fit and predict. Reports and timings: %s\n' "$BENCH_DIR"
printf 'others = cores kept busy by other processes meanwhile (stance: the larger of its two runs).\n'
