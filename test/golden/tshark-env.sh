# tshark-env.sh - sourced by the make-*-reference.sh scripts: runs them from the repository root
# with an empty Wireshark profile (so personal preferences never change a number), the C locale,
# and $TSHARK (default tshark); checks that tshark and python3 are there; sets the positional
# arguments to every corpus capture when the caller gave none.
# Usage (in a script): . "$(dirname "$0")/tshark-env.sh"
cd "$(dirname "$0")/../.." || exit 1
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
mkdir -p "$tmpdir/profile"
export WIRESHARK_CONFIG_DIR="$tmpdir/profile"
export LC_ALL=C
export TSHARK="${TSHARK:-tshark}"
for tool in "$TSHARK" python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: $tool not found (Debian/Ubuntu: apt-get install tshark python3)" >&2
        exit 69
    fi
done
if [ "$#" -eq 0 ]; then
    set -- $(ls test/fixtures/pcaps/ | grep -E '\.(pcap|pcapng|cap)(\.gz)?$' | sed 's|^|test/fixtures/pcaps/|')
fi
