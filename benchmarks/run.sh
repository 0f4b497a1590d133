#!/usr/bin/env bash
# Runs every carekernel-vs-peer benchmark and prints a side-by-side
# summary: benchstat's table (columns per implementation, carekernel
# first) when benchstat can be fetched, and always a ratio table of the
# medians (peer ÷ carekernel: above 1 means carekernel is faster).
#
# Usage: ./run.sh [-count N] [-benchtime D] [-bench REGEXP]
#   COUNT, BENCHTIME and BENCH in the environment work too.
#   CAREKERNEL_PG_DSN set adds the PostgreSQL storage comparison.
set -euo pipefail

count=${COUNT:-5}
benchtime=${BENCHTIME:-1s}
bench=${BENCH:-.}
while [[ $# -gt 0 ]]; do
	case $1 in
	-count) count=$2; shift 2 ;;
	-benchtime) benchtime=$2; shift 2 ;;
	-bench) bench=$2; shift 2 ;;
	*) echo "usage: $0 [-count N] [-benchtime D] [-bench REGEXP]" >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")"
out=$(mktemp -t carekernel-bench.XXXXXX)
trap 'rm -f "$out"' EXIT

echo "# go test -run '^\$' -bench '$bench' -benchmem -count $count -benchtime $benchtime"
echo "# $(go version), $(uname -srm), $(nproc) CPUs"
go test -run '^$' -bench "$bench" -benchmem -count "$count" -benchtime "$benchtime" . | tee "$out"

echo
echo "## benchstat (columns by implementation, deltas against carekernel)"
if ! go run golang.org/x/perf/cmd/benchstat@latest -col /impl "$out" 2>/dev/null; then
	echo "(benchstat unavailable here; see the ratio table below)"
fi

echo
echo "## ratios of medians: peer ÷ carekernel"
# Lines look like: BenchmarkFire/impl=looplab-2  583678  384.5 ns/op  289 B/op  5 allocs/op
awk '
/^Benchmark/ && / ns\/op/ && /impl=/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	impl = name; sub(/.*impl=/, "", impl); sub(/\/.*/, "", impl)
	group = name; sub(/\/?impl=[^\/]*/, "", group)
	for (i = 2; i <= NF; i++) {
		if ($(i+1) == "ns/op") ns[group SUBSEP impl] = ns[group SUBSEP impl] " " $i
		if ($(i+1) == "allocs/op") al[group SUBSEP impl] = $i
	}
	if (!((group SUBSEP impl) in seen)) { seen[group SUBSEP impl] = 1; order[++n] = group SUBSEP impl }
	if (!(group in gseen)) { gseen[group] = 1; groups[++g] = group }
}
function median(s,   a, k, i, j, t) {
	k = split(s, a, " ")
	for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
}
END {
	printf "%-36s %-12s %14s %10s %12s\n", "benchmark", "impl", "ns/op (med)", "allocs/op", "× carekernel"
	for (x = 1; x <= g; x++) {
		grp = groups[x]
		base = ((grp SUBSEP "carekernel") in ns) ? median(ns[grp SUBSEP "carekernel"]) : 0
		for (y = 1; y <= n; y++) {
			split(order[y], p, SUBSEP)
			if (p[1] != grp) continue
			m = median(ns[order[y]])
			r = (base > 0) ? sprintf("%.1f", m / base) : "-"
			printf "%-36s %-12s %14.1f %10s %12s\n", grp, p[2], m, al[order[y]], r
		}
	}
}' "$out"

echo
echo "## storage adapters interleaved with raw inserts: the adapter's share of raw throughput (median)"
awk '
/^BenchmarkSaveInterleaved/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 2; i <= NF; i++) if ($(i+1) == "×raw-throughput") v[name] = v[name] " " $i
}
END {
	for (k in v) {
		c = split(v[k], a, " ")
		for (i = 2; i <= c; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		printf "%-36s %6.2f× raw (target ≥ 0.5×)\n", k, c % 2 ? a[(c+1)/2] : (a[c/2] + a[c/2+1]) / 2
	}
}' "$out"
