#!/usr/bin/env bash
# make-tcp-reference.sh - write tshark's per-stream TCP analysis of capture files as JSON, the oracle
# of test/golden/tcp-analysis.test.ts (src/flow/tcp/).
#
# Usage:   test/golden/make-tcp-reference.sh [capture ...]
#          (no argument: every capture in test/fixtures/pcaps/)
# Output:  test/fixtures/reference-tcp/<capture>.json for every capture with at least one TCP frame;
#          captures without TCP get no file (and a stale one is removed).
# Needs:   bash, python3, tshark. The committed files were made with TShark 4.0.17 (Debian 12,
#          4.0.17-0+deb12u3); the version is written into each file. TSHARK=/path/to/tshark overrides.
#
# tshark runs with an empty profile (WIRESHARK_CONFIG_DIR points to a fresh temporary directory), -n
# (no name resolution) and these preferences spelled out, which are tshark 4.0's defaults:
#   -o tcp.analyze_sequence_numbers:TRUE   the tcp.analysis.* flags
#   -o tcp.relative_sequence_numbers:TRUE  (the analysis itself works on absolute numbers)
#   -o tcp.fastrt_supersedes_ooo:TRUE      fast retransmission is tested before out-of-order
#   -o tcp.desegment_tcp_streams:TRUE, -o tcp.reassemble_out_of_order:FALSE
#   -o tcp.default_window_scaling:-1       ("not known")
#   -o tcp.track_bytes_in_flight:TRUE, -o tcp.bif_seq_based:FALSE
# The analysis is computed on the first, sequential pass, so -Y filters see the same flags as the GUI.
#
# Per frame, tshark is asked for (one -T fields pass):
#   frame.number frame.time_epoch frame.protocols ip.src ip.dst ipv6.src ipv6.dst tcp.srcport
#   tcp.dstport tcp.stream tcp.flags tcp.len tcp.analysis.initial_rtt tcp.options.mss_val
#   tcp.options.wscale.shift tcp.window_size_value
# and, since the expert flags are FT_NONE fields that -T fields prints empty, one pass per flag with
# -Y <flag> -T fields -e frame.number for: tcp.analysis.retransmission, .fast_retransmission,
# .spurious_retransmission, .duplicate_ack, .zero_window, .out_of_order, .lost_segment,
# .ack_lost_segment, .keep_alive. Note: tshark raises tcp.analysis.retransmission also on fast and
# spurious retransmissions; the JSON splits them: `retransmission` counts only the plain ones.
#
# JSON per capture: { file, sha256, generator, streams: [ ... ] }, one entry per tcp.stream with
#   stream, a_addr/a_port (sender of the stream's first frame), b_addr/b_port, first_ts_us (packet
#   time floored to µs), frames, initial_rtt_ns (first value tshark shows in the stream, or null),
#   handshake: {complete, syn_from} (SYN from X, then a SYN/ACK from the other side, then the first
#   ACK-without-SYN of the stream comes from X: the case where tshark's iRTT is the 3-way handshake),
#   a_to_b and b_to_a: { segments, payload_bytes (sum of tcp.len), syn, synack, fin, rst, mss
#   (option of the first SYN or SYN/ACK, or null), wscale (shift, or null), retransmission,
#   fast_retransmission, spurious_retransmission, duplicate_ack, zero_window, out_of_order,
#   lost_segment, ack_lost_segment, keep_alive }.
# Frames whose TCP header sits inside an ICMP error are left out (tshark does not analyse them).
set -u
. "$(dirname "$0")/tshark-env.sh"
mkdir -p test/fixtures/reference-tcp

python3 - "$@" <<'PYTHON'
import hashlib, json, os, subprocess, sys
from collections import OrderedDict
from decimal import Decimal, ROUND_FLOOR

TSHARK = os.environ["TSHARK"]
PREFS = ["-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.relative_sequence_numbers:TRUE",
         "-o", "tcp.fastrt_supersedes_ooo:TRUE", "-o", "tcp.desegment_tcp_streams:TRUE",
         "-o", "tcp.reassemble_out_of_order:FALSE", "-o", "tcp.default_window_scaling:-1",
         "-o", "tcp.track_bytes_in_flight:TRUE", "-o", "tcp.bif_seq_based:FALSE"]
FIELDS = ["frame.number", "frame.time_epoch", "frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
          "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.flags", "tcp.len", "tcp.analysis.initial_rtt",
          "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.window_size_value"]
FLAGS = ["retransmission", "fast_retransmission", "spurious_retransmission", "duplicate_ack", "zero_window",
         "out_of_order", "lost_segment", "ack_lost_segment", "keep_alive"]
AGG = "\x1f"
version = subprocess.run([TSHARK, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().splitlines()[0].strip()

def tshark(pcap, extra):
    p = subprocess.run([TSHARK, "-n", "-r", pcap] + PREFS + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.stdout.decode("utf-8", "replace")

def floor_us(s):
    return int((Decimal(s) * 1000000).to_integral_value(rounding=ROUND_FLOOR))

def ns(s):
    return int((Decimal(s) * 1000000000).to_integral_value(rounding=ROUND_FLOOR))

def direction():
    return OrderedDict([("segments", 0), ("payload_bytes", 0), ("syn", 0), ("synack", 0), ("fin", 0), ("rst", 0),
                        ("mss", None), ("wscale", None)] + [(f, 0) for f in FLAGS])

for pcap in sys.argv[1:]:
    name = os.path.basename(pcap)
    out_path = os.path.join("test/fixtures/reference-tcp", name + ".json")
    cmd = ["-T", "fields", "-E", "header=n", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=" + AGG, "-E", "quote=n"]
    for f in FIELDS:
        cmd += ["-e", f]
    streams = OrderedDict()
    frame_stream = {}
    for line in tshark(pcap, cmd).split("\n"):
        cols = line.split("\t")
        if len(cols) != len(FIELDS):
            continue
        v = dict(zip(FIELDS, cols))
        if v["tcp.stream"] == "":
            continue
        tokens = v["frame.protocols"].split(":")
        if "tcp" not in tokens:
            continue
        t_at = len(tokens) - 1 - tokens[::-1].index("tcp")
        if "icmp" in tokens[:t_at] or "icmpv6" in tokens[:t_at]:
            continue          # a TCP header quoted in an ICMP error
        last = lambda f: v[f].split(AGG)[-1] if v[f] != "" else ""
        # the IP header that carries the TCP header: the last ip/ipv6 before it
        before = tokens[:t_at]
        kind = None
        for tok in before:
            if tok in ("ip", "ipv6"):
                kind = tok
        if kind is None:
            continue
        nth = before.count(kind) - 1
        src = v[kind + ".src"].split(AGG)[nth]
        dst = v[kind + ".dst"].split(AGG)[nth]
        sp, dp = int(last("tcp.srcport")), int(last("tcp.dstport"))
        st = int(last("tcp.stream"))
        flags = int(last("tcp.flags"), 16)
        seglen = int(last("tcp.len") or 0)
        frame_no = int(v["frame.number"])
        s = streams.get(st)
        if s is None:
            s = streams[st] = OrderedDict([("stream", st), ("a_addr", src), ("a_port", sp), ("b_addr", dst), ("b_port", dp),
                                          ("first_ts_us", floor_us(v["frame.time_epoch"])), ("frames", 0),
                                          ("initial_rtt_ns", None),
                                          ("handshake", OrderedDict([("complete", False), ("syn_from", None)])),
                                          ("a_to_b", direction()), ("b_to_a", direction())])
            s["_state"] = {"syn_from": None, "synack_after_syn": False, "first_pure_ack_done": False}
        s["frames"] += 1
        fwd = "a_to_b" if (src, sp) == (s["a_addr"], s["a_port"]) else "b_to_a"
        frame_stream[frame_no] = (st, fwd)
        d = s[fwd]
        d["segments"] += 1
        d["payload_bytes"] += seglen
        syn, ack = flags & 0x02, flags & 0x10
        if syn and ack:
            d["synack"] += 1
        elif syn:
            d["syn"] += 1
        if flags & 0x01:
            d["fin"] += 1
        if flags & 0x04:
            d["rst"] += 1
        if syn and d["mss"] is None and last("tcp.options.mss_val") != "":
            d["mss"] = int(last("tcp.options.mss_val"))
        if syn and d["wscale"] is None and last("tcp.options.wscale.shift") != "":
            d["wscale"] = int(last("tcp.options.wscale.shift"))
        if s["initial_rtt_ns"] is None and last("tcp.analysis.initial_rtt") != "":
            s["initial_rtt_ns"] = ns(last("tcp.analysis.initial_rtt"))
        stt = s["_state"]
        if syn and not ack and stt["syn_from"] is None:
            stt["syn_from"] = fwd
        elif syn and ack and stt["syn_from"] is not None and stt["syn_from"] != fwd:
            stt["synack_after_syn"] = True
        elif ack and not syn and stt["syn_from"] is not None and not stt["first_pure_ack_done"]:
            stt["first_pure_ack_done"] = True
            s["handshake"]["complete"] = stt["synack_after_syn"] and fwd == stt["syn_from"]
            s["handshake"]["syn_from"] = stt["syn_from"]
    if not streams:
        if os.path.exists(out_path):
            os.remove(out_path)
        continue
    for flag in FLAGS:
        for line in tshark(pcap, ["-Y", "tcp.analysis." + flag, "-T", "fields", "-e", "frame.number"]).split("\n"):
            if line.strip() == "":
                continue
            where = frame_stream.get(int(line))
            if where is not None:
                streams[where[0]][where[1]][flag] += 1
    for s in streams.values():
        del s["_state"]
        for fwd in ("a_to_b", "b_to_a"):
            d = s[fwd]
            # tshark flags fast and spurious retransmissions as retransmissions too: keep the plain ones
            d["retransmission"] -= d["fast_retransmission"] + d["spurious_retransmission"]
    with open(pcap, "rb") as fh:
        sha = hashlib.sha256(fh.read()).hexdigest()
    result = OrderedDict([("schema", "tcp-reference/1"), ("file", name), ("sha256", sha),
                          ("generator", OrderedDict([("script", "test/golden/make-tcp-reference.sh"), ("tshark_version", version),
                                                     ("tshark_options", "-n, empty profile, " + " ".join(PREFS[1::2]))])),
                          ("streams", list(streams.values()))])
    tmp = out_path + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(result, fh, indent=1, ensure_ascii=True)
        fh.write("\n")
    os.replace(tmp, out_path)
    print("%s: %d streams" % (name, len(streams)))
PYTHON
