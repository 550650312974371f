#!/usr/bin/env bash
# make-l2-reference.sh - write tshark's view of the L2 dimensions of capture files as JSON, the oracle
# of test/golden/l2-modules.test.ts (src/modules/mac_protocols, vlan, packet_size, arp, mpls, qos).
#
# Usage:   test/golden/make-l2-reference.sh [capture ...]
#          (no argument: every capture in test/fixtures/pcaps/)
# Output:  test/fixtures/reference-l2/<capture>.json
# Needs:   bash, python3, tshark. The committed files were made with TShark 4.0.17 (Debian 12,
#          4.0.17-0+deb12u3); the version is written into each file. TSHARK=/path/to/tshark overrides.
#
# tshark runs with an empty profile (WIRESHARK_CONFIG_DIR points to a fresh temporary directory) and
# -n, in one pass per capture:
#   tshark -n -r FILE -T fields -E header=n -E separator=/t -E occurrence=a -E aggregator=<0x1f>
#     -e frame.len -e frame.protocols -e eth.type -e llc.dsap -e <SNAP protocol id fields> -e vlan.id
#     -e vlan.priority -e vlan.etype -e ieee8021ad.id -e ieee8021ad.priority -e arp.opcode -e arp.src.proto_ipv4 -e arp.dst.proto_ipv4
#     -e mpls.label -e mpls.exp -e ip.dsfield.dscp -e ipv6.tclass.dscp -e _ws.short -e _ws.malformed
#   where the SNAP protocol id fields are llc.type (OUI 00-00-00), llc.pid (unknown OUIs) and the
#   per-OUI ones (llc.cisco_pid, llc.iana_pid, …): tshark names the field by OUI.
#
# What is computed per frame (all counts are frames, bytes are frame.len):
#   ethertypes  one entry per Ethernet header, walking frame.protocols: "eth" opens a header; an
#               "ethertype" token after "eth" or "vlan" takes the next eth.type / vlan.etype value
#               (so a tagged header's protocol is the type after its last tag); "llc" takes the next
#               llc.dsap: for DSAP 0xaa (SNAP) the protocol is the SNAP protocol id, else 65536+DSAP
#               (the decoder's LLC_BASE + DSAP).
#   vlans       one entry per VLAN tag, keyed by its position in the frame (depth 0 = outermost) and
#               id: tags are the "vlan" (802.1Q, vlan.id) and "ieee8021ad" (802.1ad S-tag,
#               ieee8021ad.id) tokens of frame.protocols in order; `untagged` = frames without tags.
#   sizes       frame.len in the buckets 0-64, 65-127, 128-255, 256-511, 512-1023, 1024-1517, 1518, 1519+.
#   arp         frames per arp.opcode (1 request, 2 reply, 3/4 rarp, other), gratuitous (sender IP = target IP,
#               sender IP not 0.0.0.0), probes (sender IP 0.0.0.0).
#   mpls_top    frames per first mpls.label (the top of the stack); mpls_tc per first mpls.exp.
#   pcp         frames per priority of the outermost tag (vlan.priority or ieee8021ad.priority).
#   dscp        one entry per IP header (ip or ipv6 token of frame.protocols) before any icmp/icmpv6
#               token (headers quoted in ICMP errors are not counted), value of its DSCP field;
#               an IP header that is the frame's last token and carries tshark's "IPv4 truncated" /
#               "IPv6 truncated" exception goes to `dscp_truncated` instead.
set -u
. "$(dirname "$0")/tshark-env.sh"
mkdir -p test/fixtures/reference-l2

python3 - "$@" <<'PYTHON'
import hashlib, json, os, subprocess, sys
from collections import OrderedDict, defaultdict

TSHARK = os.environ["TSHARK"]
AGG = "\x1f"
PID_FIELDS = ["llc.type", "llc.pid", "llc.cisco_pid", "llc.iana_pid", "llc.bluetooth_pid", "llc.wlccp_pid",
              "llc.apple_awdl_pid", "llc.apple_atalk_pid", "llc.foundry_pid", "llc.extreme_pid",
              "llc.force10_pid", "llc.hpteam_pid", "llc.nortel_pid"]
FIELDS = ["frame.len", "frame.protocols", "eth.type", "llc.dsap"] + PID_FIELDS + [
          "vlan.id", "vlan.priority", "vlan.etype", "ieee8021ad.id", "ieee8021ad.priority", "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
          "mpls.label", "mpls.exp", "ip.dsfield.dscp", "ipv6.tclass.dscp", "_ws.short", "_ws.malformed"]
BUCKET_MAX = [64, 127, 255, 511, 1023, 1517, 1518]
BUCKET_NAMES = ["0-64", "65-127", "128-255", "256-511", "512-1023", "1024-1517", "1518", "1519+"]
LLC_BASE = 0x10000
version = subprocess.run([TSHARK, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().splitlines()[0].strip()

def num(v):
    return int(v, 16) if v.startswith("0x") else int(v)

def bucket(n):
    for i, m in enumerate(BUCKET_MAX):
        if n <= m:
            return i
    return len(BUCKET_MAX)

def rows(d, keys):
    out = []
    for k in sorted(d):
        row = OrderedDict(zip(keys, k if isinstance(k, tuple) else (k,)))
        row["packets"], row["bytes"] = d[k]
        out.append(row)
    return out

for pcap in sys.argv[1:]:
    cmd = [TSHARK, "-n", "-r", pcap, "-T", "fields", "-E", "header=n", "-E", "separator=/t", "-E", "occurrence=a",
           "-E", "aggregator=" + AGG, "-E", "quote=n"]
    for f in FIELDS:
        cmd += ["-e", f]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    problems = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip() and not l.startswith("Running as user")]
    ethertypes = defaultdict(lambda: [0, 0]); vlans = defaultdict(lambda: [0, 0]); untagged = [0, 0]
    sizes = defaultdict(lambda: [0, 0]); arp = defaultdict(lambda: [0, 0]); mpls_top = defaultdict(lambda: [0, 0])
    dscp_truncated = defaultdict(lambda: [0, 0])
    mpls_tc = defaultdict(lambda: [0, 0]); pcp = defaultdict(lambda: [0, 0]); dscp = defaultdict(lambda: [0, 0])
    frames = 0; total = 0
    def add(d, k, n):
        d[k][0] += 1; d[k][1] += n
    for line in p.stdout.decode("utf-8", "replace").split("\n"):
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != len(FIELDS):
            problems.append("bad line: " + line[:120]); continue
        v = {f: (c.split(AGG) if c != "" else []) for f, c in zip(FIELDS, cols)}
        n = int(v["frame.len"][0]); frames += 1; total += n
        add(sizes, BUCKET_NAMES[bucket(n)], n)
        tokens = v["frame.protocols"][0].split(":") if v["frame.protocols"] else []
        pids = [x for f in PID_FIELDS for x in v[f]]
        if len(pids) > 1:
            problems.append("frame %d: %d SNAP protocol ids" % (frames, len(pids)))
        ie = iv = il = ip = i4 = i6 = 0
        tags = []    # (vlan id, priority) of every tag, outermost first
        it = ia = 0
        broken = " ".join(v["_ws.short"] + v["_ws.malformed"])
        types = []   # protocol of each Ethernet header
        prev = None
        for ti, t in enumerate(tokens):
            if t == "vlan" and it < len(v["vlan.id"]):
                tags.append((num(v["vlan.id"][it]), num(v["vlan.priority"][it]))); it += 1
            elif t == "ieee8021ad" and ia < len(v["ieee8021ad.id"]):
                tags.append((num(v["ieee8021ad.id"][ia]), num(v["ieee8021ad.priority"][ia]))); ia += 1
            if t in ("icmp", "icmpv6"):
                break
            if t == "eth":
                types.append(None)
            elif t == "ethertype" and types:
                if prev == "eth" and ie < len(v["eth.type"]):
                    types[-1] = num(v["eth.type"][ie]); ie += 1
                elif prev == "vlan" and iv < len(v["vlan.etype"]):
                    types[-1] = num(v["vlan.etype"][iv]); iv += 1
            elif t == "llc" and types and il < len(v["llc.dsap"]):
                dsap = num(v["llc.dsap"][il]); il += 1
                if dsap == 0xaa and ip < len(pids):
                    types[-1] = num(pids[ip]); ip += 1
                else:
                    types[-1] = LLC_BASE + dsap
            elif t == "ip" and i4 < len(v["ip.dsfield.dscp"]):
                # an IPv4 header cut by the snap length (the frame's last token, with tshark's
                # "IPv4 truncated" exception) is counted apart: see dscp_truncated
                cut = ti == len(tokens) - 1 and "IPv4 truncated" in broken
                add(dscp_truncated if cut else dscp, num(v["ip.dsfield.dscp"][i4]), n); i4 += 1
            elif t == "ipv6" and i6 < len(v["ipv6.tclass.dscp"]):
                cut = ti == len(tokens) - 1 and "IPv6 truncated" in broken
                add(dscp_truncated if cut else dscp, num(v["ipv6.tclass.dscp"][i6]), n); i6 += 1
            prev = t
        for ty in types:
            if ty is not None:
                add(ethertypes, ty, n)
        if len(tags) != len(v["vlan.id"]) + len(v["ieee8021ad.id"]):
            problems.append("frame %d: tags outside the protocol walk" % frames)
        if tags:
            for depth, (vid, _) in enumerate(tags):
                add(vlans, (depth, vid), n)
            add(pcp, tags[0][1], n)
        else:
            untagged[0] += 1; untagged[1] += n
        if v["arp.opcode"]:
            op = num(v["arp.opcode"][0])
            add(arp, "request" if op == 1 else "reply" if op == 2 else "rarp" if op in (3, 4) else "other", n)
            sip = v["arp.src.proto_ipv4"][0] if v["arp.src.proto_ipv4"] else None
            tip = v["arp.dst.proto_ipv4"][0] if v["arp.dst.proto_ipv4"] else None
            if sip == "0.0.0.0":
                add(arp, "probe", n)
            elif sip is not None and sip == tip:
                add(arp, "gratuitous", n)
        if v["mpls.label"]:
            add(mpls_top, num(v["mpls.label"][0]), n)
            add(mpls_tc, num(v["mpls.exp"][0]), n)
    with open(pcap, "rb") as fh:
        sha = hashlib.sha256(fh.read()).hexdigest()
    out = OrderedDict([
        ("schema", "l2-reference/1"), ("file", os.path.basename(pcap)), ("sha256", sha),
        ("generator", OrderedDict([("script", "test/golden/make-l2-reference.sh"), ("tshark_version", version),
                                   ("tshark_options", "-n, empty profile")])),
        ("frames", frames), ("bytes", total),
        ("ethertypes", rows(ethertypes, ["type"])),
        ("vlans", rows(vlans, ["depth", "id"])),
        ("untagged", OrderedDict([("packets", untagged[0]), ("bytes", untagged[1])])),
        ("sizes", rows(sizes, ["bucket"])),
        ("arp", rows(arp, ["kind"])),
        ("mpls_top", rows(mpls_top, ["label"])),
        ("mpls_tc", rows(mpls_tc, ["tc"])),
        ("pcp", rows(pcp, ["pcp"])),
        ("dscp", rows(dscp, ["dscp"])),
        ("dscp_truncated", rows(dscp_truncated, ["dscp"])),
        ("problems", problems),
    ])
    dst = os.path.join("test/fixtures/reference-l2", os.path.basename(pcap) + ".json")
    with open(dst + ".tmp", "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    os.replace(dst + ".tmp", dst)
    print(dst, frames, "frames", len(problems), "problems")
PYTHON
