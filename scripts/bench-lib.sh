# shellcheck shell=bash disable=SC2034 # sets WALL, RSS_MIB, ... for the caller
# bench-lib.sh: helpers shared by scripts/bench-*.sh (sourced, not run).
#
# timed runs a command under GNU time and also measures how much CPU the rest
# of the machine used meanwhile (from /proc/stat), so that a table can show
# when other work disturbed a timing.

say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# need_gnu_time: installs GNU time when missing and we are root with apt-get.
need_gnu_time() {
	[[ -x /usr/bin/time ]] && return
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		say "installing GNU time: apt-get install -y time"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
	else
		die "/usr/bin/time (GNU time) is missing: apt-get install time"
	fi
}

# busy_ticks: CPU time spent by the whole machine (user, nice, system, irq,
# softirq), in clock ticks.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat 2>/dev/null || echo 0; }

# timed LABEL OUT CMD...: prints and runs CMD with standard output to OUT
# under /usr/bin/time -v (report kept in $BENCH_DIR/LABEL.time); sets WALL
# (seconds), RSS_MIB (peak resident set), CPU_PCT (percent of one core),
# CPU_S (user + system seconds, its children included) and OTHER (cores the rest of the machine kept busy meanwhile, on average).
# On failure it shows OUT (when not /dev/null) and exits.
timed() {
	local label=$1 out=$2
	shift 2
	say "\$ $* > $out"
	local before after hz
	hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
	before=$(busy_ticks)
	if ! /usr/bin/time -v -o "$BENCH_DIR/$label.time" "$@" >"$out"; then
		[[ $out == /dev/null ]] || cat "$out"
		die "failed: $*"
	fi
	after=$(busy_ticks)
	local report=$BENCH_DIR/$label.time
	WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f\n", s }' "$report")
	RSS_MIB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$report")
	CPU_PCT=$(awk -F': ' '/Percent of CPU/ { sub("%", "", $2); print $2 }' "$report")
	CPU_S=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$report")
	OTHER=$(awk -F': ' -v b="$before" -v a="$after" -v hz="$hz" -v wall="$WALL" '
		/User time \(seconds\)|System time \(seconds\)/ { own += $2 }
		END { o = ((a - b) / hz - own) / (wall > 0 ? wall : 1); printf "%.2f", o < 0 ? 0 : o }' "$report")
}

# load_warning: warns when other processes are using the CPUs right now.
load_warning() {
	local b a
	b=$(busy_ticks)
	sleep 2
	a=$(busy_ticks)
	awk -v b="$b" -v a="$a" -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" 'BEGIN {
		c = (a - b) / hz / 2
		if (c > 0.2) printf "warning: other processes are keeping %.1f cores busy: timings will suffer\n", c }' >&2
}

# machine: one line naming the CPU, cores, Go, date and commit.
machine() {
	local cpu
	cpu=$(lscpu 2>/dev/null | awk -F': *' '/^Model name/ { print $2; exit }')
	printf '%s, %s cores, %s, %s, commit %s' "${cpu:-unknown CPU}" "$(nproc)" \
		"$("${GO:-go}" env GOVERSION 2>/dev/null || echo "go ?")" "$(date -u +%Y-%m-%dT%H:%MZ)" \
		"$(git describe --always --dirty 2>/dev/null || echo unknown)"
}
