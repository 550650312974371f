#!/usr/bin/env bash
# make-filter-reference.sh - write which frames tshark's display filters match in each capture, the
# oracle of test/golden/filter-agreement.test.ts (the capture filter language, src/filter/).
#
# Usage:   test/golden/make-filter-reference.sh [capture ...]
#          (no argument: every capture in test/fixtures/pcaps/)
# Output:  test/fixtures/reference-filter/<capture>.json
# Needs:   bash, python3, tshark. The committed files were made with TShark 4.0.17 (Debian 12,
#          4.0.17-0+deb12u3); the version is written into each file. TSHARK=/path/to/tshark overrides.
#
# tshark runs with an empty profile (tshark-env.sh) and -n. Per capture:
# 1. One pass reads ip.src/ip.dst, ipv6.src/ipv6.dst, eth.src/eth.dst, tcp/udp ports and VLAN ids
#    and ARP addresses (first occurrence per frame) to pick the capture's own values: its most
#    frequent IPv4 address, IPv6 address, MAC, TCP/UDP port (and the second one), VLAN id, ARP IP. So every capture tests real values.
# 2. For each case a wiremeter capture filter expression and the equivalent tshark display filter
#    (CASES below, with the picked values filled in); tshark -Y <display filter> lists the frame
#    numbers it matches, stored as ranges ("1-3,7"). A case whose value the capture lacks is skipped.
#    l4Protocol: IPv6 fragments that do not complete a datagram name the protocol in the fragment
#    header (ipv6.fraghdr.nxt); wiremeter's l4Protocol is the protocol after extension headers.
# 3. `icmp_error_frames`: frames carrying an ICMP/ICMPv6 error (ICMP types 3 4 5 11 12, ICMPv6 1-4),
#    whose quoted IP/TCP/UDP headers tshark dissects as ordinary layers; the test's rule F1 uses them.
# 4. `rarp_frames`: RARP frames (arp.opcode 3 or 4), which tshark's ARP dissector decodes; rule F2.
# Classic pcap files have no frame.interface_id in tshark 4.0: interface 0 is "0 or absent".
# wiremeter's `!=` is the negation of `==`, written `!(...)` on the tshark side.
set -u
. "$(dirname "$0")/tshark-env.sh"
mkdir -p test/fixtures/reference-filter

python3 - "$@" <<'PYTHON'
import ipaddress, json, os, subprocess, sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

TSHARK = os.environ["TSHARK"]
version = subprocess.run([TSHARK, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().splitlines()[0].strip()

# (wiremeter expression, tshark display filter); {ip4} {ip6} {mac} {port} {port2} {vlan} {net16} {net48} are picked per capture.
CASES = [
    ("ip == {ip4}", "ip.addr == {ip4}"),
    ("ip == {net16}/16", "ip.addr == {net16}/16"),
    ("ip == {ip6}", "ipv6.addr == {ip6}"),
    ("ip == {net48}/48", "ipv6.addr == {net48}/48"),
    ("ip != {ip4}", "!(ip.addr == {ip4})"),
    ("mac == {mac}", "eth.addr == {mac}"),
    ("mac != {mac} && ip == {ip4}", "!(eth.addr == {mac}) && ip.addr == {ip4}"),
    ("port == {port}", "tcp.port == {port} || udp.port == {port}"),
    ("port != {port}", "!(tcp.port == {port} || udp.port == {port})"),
    ("portrange == 1-1023,{port2}", "tcp.port in {{1..1023}} || udp.port in {{1..1023}} || tcp.port == {port2} || udp.port == {port2}"),
    ("portrange == -100,50000-", "tcp.port <= 100 || udp.port <= 100 || tcp.port >= 50000 || udp.port >= 50000"),
    ("l4Protocol == TCP", "ip.proto == 6 || ipv6.nxt == 6 || ipv6.fraghdr.nxt == 6 || (ipv6 && tcp)"),
    ("l4Protocol == UDP,ICMP", "ip.proto in {{17, 1}} || ipv6.nxt == 17 || ipv6.fraghdr.nxt == 17 || (ipv6 && udp)"),
    ("l4Protocol == ICMPv6,58", "ipv6.nxt == 58 || ipv6.fraghdr.nxt == 58 || icmpv6"),
    ("l4Protocol == 2", "ip.proto == 2"),
    ("vlan == any", "vlan || ieee8021ad"),
    ("vlan == none", "!(vlan || ieee8021ad)"),
    ("vlan == {vlan}", "vlan.id == {vlan} || ieee8021ad.id == {vlan}"),
    ("tcpFlags == syn", "tcp.flags.syn == 1"),
    ("tcpFlags == syn+ack", "tcp.flags.syn == 1 && tcp.flags.ack == 1"),
    ("tcpFlags == FIN", "tcp.flags.fin == 1"),
    ("tcpFlags == rst+ack", "tcp.flags.reset == 1 && tcp.flags.ack == 1"),
    ("tcpFlags == psh+ack", "tcp.flags.push == 1 && tcp.flags.ack == 1"),
    ("icmpType == 8", "icmp.type == 8 || icmpv6.type == 8"),
    ("icmpType == 0,3,11", "icmp.type in {{0, 3, 11}} || icmpv6.type in {{0, 3, 11}}"),
    ("icmpType == 128", "icmp.type == 128 || icmpv6.type == 128"),
    ("icmpType == 130,131,133-136,143", "icmp.type in {{130, 131, 133..136, 143}} || icmpv6.type in {{130, 131, 133..136, 143}}"),
    ("ipFragment == 1", "ip.flags.mf == 1 || ip.frag_offset > 0"),
    ("ipFragment == 0", "!(ip.flags.mf == 1 || ip.frag_offset > 0)"),
    ("ipDoNotFragment == 1", "ip.flags.df == 1"),
    ("ipDoNotFragment != 1", "!(ip.flags.df == 1)"),
    ("macProtocol == ARP", "eth.type == 0x0806 || vlan.etype == 0x0806"),
    ("macProtocol == IPv6,0x8847", "eth.type in {{0x86dd, 0x8847}} || vlan.etype in {{0x86dd, 0x8847}}"),
    ("arpip == {arp4}", "arp.src.proto_ipv4 == {arp4} || arp.dst.proto_ipv4 == {arp4}"),
    ("mpls == any", "mpls"),
    ("mpls == none", "!mpls"),
    ("multicastGroup == any", "igmp || icmpv6.type in {{130, 131, 132, 143}}"),
    ("mactype == broadcast", "eth.dst#1 == ff:ff:ff:ff:ff:ff"),
    ("ptpMsgType == any", "ptp"),
    ("slowSubtype == 1", "slow.subtype == 1"),
    ("interface == 0", "frame.interface_id == 0 || !frame.interface_id"),
    ("ip == {ip4} and (port == {port} or port == {port2})", "ip.addr == {ip4} && (tcp.port == {port} || udp.port == {port} || tcp.port == {port2} || udp.port == {port2})"),
    ("l4Protocol == UDP || mac == {mac}", "ip.proto == 17 || ipv6.nxt == 17 || ipv6.fraghdr.nxt == 17 || (ipv6 && udp) || eth.addr == {mac}"),
    ("(tcpFlags == syn or tcpFlags == fin) and ip != {ip4}", "(tcp.flags.syn == 1 || tcp.flags.fin == 1) && !(ip.addr == {ip4})"),
]

CUT_SHORT = "appears to have been cut short"   # a damaged file: tshark reads the frames before the damage, as we do

def run(pcap, args):
    p = subprocess.run([TSHARK, "-n", "-r", pcap] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = [l for l in p.stderr.decode("utf-8", "replace").splitlines()
           if l.strip() and not l.startswith("Running as user") and CUT_SHORT not in l]
    return p.stdout.decode("utf-8", "replace"), err

def ranges(frames):
    """Frame numbers as compact text: [1, 2, 3, 7, 9, 10] -> "1-3,7,9-10"."""
    out, i = [], 0
    while i < len(frames):
        j = i
        while j + 1 < len(frames) and frames[j + 1] == frames[j] + 1:
            j += 1
        out.append(str(frames[i]) if i == j else "%d-%d" % (frames[i], frames[j]))
        i = j + 1
    return ",".join(out)

def frames(pcap, display):
    out, err = run(pcap, ["-Y", display, "-T", "fields", "-e", "frame.number"])
    return [int(x) for x in out.split()], err

def pick(pcap):
    fields = ["ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "eth.src", "eth.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "vlan.id",
              "arp.src.proto_ipv4", "arp.dst.proto_ipv4"]
    cmd = ["-T", "fields", "-E", "occurrence=f", "-E", "separator=/t"]
    for f in fields:
        cmd += ["-e", f]
    out, _ = run(pcap, cmd)
    c = {k: Counter() for k in ("ip4", "ip6", "mac", "port", "vlan", "arp4")}
    for line in out.split("\n"):
        cols = line.split("\t")
        if len(cols) != len(fields):
            continue
        v = dict(zip(fields, cols))
        for k, fs in (("ip4", ["ip.src", "ip.dst"]), ("ip6", ["ipv6.src", "ipv6.dst"]), ("mac", ["eth.src", "eth.dst"]),
                      ("port", ["tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport"]), ("vlan", ["vlan.id"]),
                      ("arp4", ["arp.src.proto_ipv4", "arp.dst.proto_ipv4"])):
            for x in {v[f] for f in fs if v[f]}:
                c[k][x] += 1
    ranked = {k: [x for x, _ in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))] for k, cnt in c.items()}
    values = {}
    if ranked["ip4"]:
        values["ip4"] = ranked["ip4"][0]
        values["net16"] = ".".join(values["ip4"].split(".")[:2]) + ".0.0"
    if ranked["ip6"]:
        values["ip6"] = ranked["ip6"][0]
        values["net48"] = str(ipaddress.IPv6Network(ranked["ip6"][0] + "/48", strict=False).network_address)
    if ranked["mac"]:
        values["mac"] = ranked["mac"][0]
    if ranked["port"]:
        values["port"] = ranked["port"][0]
        values["port2"] = ranked["port"][1] if len(ranked["port"]) > 1 else ranked["port"][0]
    if ranked["vlan"]:
        values["vlan"] = ranked["vlan"][0]
    if ranked["arp4"]:
        values["arp4"] = ranked["arp4"][0]
    return values

def reference(pcap):
    values = pick(pcap)
    cases, problems = [], []
    for expr, display in CASES:
        try:
            e, d = expr.format(**values), display.format(**values)
        except KeyError:
            continue
        got, err = frames(pcap, d)
        problems += [d + ": " + x for x in err]
        cases.append({"case": expr, "expression": e, "display": d, "frames": ranges(got)})
    errors, err = frames(pcap, "icmp.type in {3, 4, 5, 11, 12} || icmpv6.type in {1..4}")
    problems += err
    rarp, err = frames(pcap, "arp.opcode in {3, 4}")
    problems += err
    total, _ = run(pcap, ["-T", "fields", "-e", "frame.number"])
    return {"file": os.path.basename(pcap), "tshark": version, "frames": len(total.split()), "values": values,
            "cases": cases, "icmp_error_frames": ranges(errors), "rarp_frames": ranges(rarp), "problems": problems}

def write(pcap):
    ref = reference(pcap)
    # one case per line: readable diffs without a line per frame number
    head = {k: v for k, v in ref.items() if k != "cases"}
    text = json.dumps(head, indent=1)[:-2] + ',\n "cases": [\n' + ",\n".join("  " + json.dumps(c) for c in ref["cases"]) + "\n ]\n}\n"
    json.loads(text)
    with open(os.path.join("test/fixtures/reference-filter", ref["file"] + ".json"), "w") as f:
        f.write(text)
    return "%s: %d cases, %d frames" % (ref["file"], len(ref["cases"]), ref["frames"])

with ThreadPoolExecutor(max_workers=2) as pool:
    for line in pool.map(write, sys.argv[1:]):
        print(line)
PYTHON
