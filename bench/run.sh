#!/usr/bin/env bash
# Benchmark wiremeter and its peers on one pcap (default: the shared 5-million-packet bench capture).
# usage: bench/run.sh [FILE.pcap] [--skip tshark,ndpiReader]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup tcpdump tshark tcpreplay softflowd libndpi-bin time
file=${1:-/tmp/bench-5M.pcap}
[ $# -gt 0 ] && shift
if [ ! -f "$file" ]; then
  [ -x ../shared/tools/make-bench-pcap.sh ] || { echo "no $file and no ../shared/tools/make-bench-pcap.sh to build it" >&2; exit 1; }
  ../shared/tools/make-bench-pcap.sh ../shared/bench-seeds "$file" 5000000
fi
exec node dist/bench/analyze.bench.js "$file" "$@"
