/**
 * Differential test of the capture filter language against tshark 4.0.17 on the whole corpus
 * (test/fixtures/pcaps): for every capture and every case of make-filter-reference.sh (ip, ip
 * CIDR, IPv6 and IPv6 prefix, mac, port, portrange, l4Protocol, vlan any/none/id, tcpFlags,
 * icmpType, ipFragment, ipDoNotFragment, macProtocol, arpip, mpls any/none, multicastGroup any,
 * mactype, ptpMsgType any, slowSubtype, interface, and/or/!= combinations — values picked from each capture:
 * its most frequent addresses, ports and VLAN id),
 * the set of frame numbers wiremeter's compiled filter matches equals the set tshark's equivalent
 * display filter matches (reference in test/fixtures/reference-filter), once this rule is applied:
 *
 * - F1, ICMP errors: tshark dissects the IP/TCP/UDP headers quoted inside an ICMP or ICMPv6 error
 *   message (destination unreachable, packet too big, time exceeded …) as ordinary layers, so its
 *   ip.addr, tcp.port, ip.proto, tcp.flags … see them. wiremeter's decoder stops at the ICMP header:
 *   a capture filter selects packets by the traffic they are, not by the traffic an ICMP error
 *   talks about. Frames carrying an ICMP error (reference `icmp_error_frames`) are therefore left
 *   out of the comparison for every case; the number of such frames that would have differed is
 *   counted and shown, and must stay at the figure asserted below.
 * - F2, RARP is not ARP (as rule L1 of the L2 golden test): tshark's ARP dissector also decodes
 *   RARP (EtherType 0x8035, opcodes 3 and 4), so its arp.src.proto_ipv4 matches them; wiremeter's
 *   decoder keeps RARP out of ARP, so `arpip` does not. RARP frames (reference `rarp_frames`) are
 *   not expected in `arpip` cases. One frame in the corpus (zeek_linux_dlt_sll2.pcap).
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { pcapPath, pcapsDir } from '../support/paths.js';
import { frameList, loadFilterReference, matchFrames, referenceFilterDir } from './filter-reference.js';

const captures = readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).sort();
const references = new Set(readdirSync(referenceFilterDir).map((f) => f.replace(/\.json$/, '')));

/** Per case kind (expression with the picked values blanked): captures agreeing, frames matched. */
const tally = new Map<string, { captures: number; frames: number }>();
let f1Differences = 0;
let rarpLeftOut = 0;

test('every corpus capture has a filter reference made by tshark 4.0.17 without problems', () => {
  assert.deepEqual(captures.filter((c) => !references.has(c)), []);
  for (const c of captures) {
    const ref = loadFilterReference(c);
    assert.match(ref.tshark, /^TShark \(Wireshark\) 4\.0\.17/);
    assert.deepEqual(ref.problems, [], c);
  }
});

for (const name of captures) {
  test(`filter agreement: ${name} matches the frames tshark matches`, async () => {
    const ref = loadFilterReference(name);
    const { frames, matched } = await matchFrames(pcapPath(name), ref.cases.map((c) => c.expression));
    assert.equal(frames, ref.frames, 'frames read');
    const icmpErrors = new Set(frameList(ref.icmp_error_frames));
    const rarp = new Set(frameList(ref.rarp_frames));
    const problems: string[] = [];
    ref.cases.forEach((c, k) => {
      const ours = new Set(matched[k]);
      // Rule F2: RARP frames are not ARP here.
      const theirs = new Set(frameList(c.frames).filter((f) => !(c.case.startsWith('arpip') && rarp.has(f))));
      if (c.case.startsWith('arpip')) rarpLeftOut += frameList(c.frames).filter((f) => rarp.has(f)).length;
      const extra = [...ours].filter((x) => !theirs.has(x));
      const missing = [...theirs].filter((x) => !ours.has(x));
      const f1 = [...extra, ...missing].filter((x) => icmpErrors.has(x));
      f1Differences += f1.length;
      const real = [...extra.filter((x) => !icmpErrors.has(x)).map((x) => `+${x}`), ...missing.filter((x) => !icmpErrors.has(x)).map((x) => `-${x}`)];
      if (real.length > 0) problems.push(`${c.expression} (tshark: ${c.display}): ${real.slice(0, 10).join(' ')}`);
      const t = tally.get(c.case) ?? { captures: 0, frames: 0 };
      if (real.length === 0) t.captures++;
      t.frames += theirs.size;
      tally.set(c.case, t);
    });
    assert.equal(problems.length, 0, `${problems.length} cases differ\n  ${problems.join('\n  ')}`);
  });
}

test('the corpus exercises every filter case with matches, and rules F1 and F2 stay small', () => {
  const lines = [...tally].map(([k, t]) => `${k}: ${t.captures} captures agree, ${t.frames} frames matched by tshark`);
  console.log(`# filter agreement per case\n# ${lines.join('\n# ')}\n# rule F1 (ICMP-quoted headers) frames left out: ${f1Differences}\n# rule F2 (RARP) frames left out: ${rarpLeftOut}`);
  for (const [k, t] of tally) {
    assert.ok(t.frames > 0, `no capture has frames for ${k}`);
  }
  assert.ok(tally.size >= 30, `${tally.size} case kinds`);
  assert.equal(rarpLeftOut, 1, 'RARP frames left out by rule F2');
  assert.equal(f1Differences, 48, "frame differences left out by rule F1 (ICMP-quoted headers) changed");
});
