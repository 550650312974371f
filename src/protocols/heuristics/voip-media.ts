/**
 * @module protocols/heuristics/voip-media
 * Media and call control: RTP (RFC 3550 §5.1: version 2, a static or dynamic payload type; two
 * packets with the same SSRC confirm it, one alone stays a guess), RTCP (§6.4: packet types
 * 200-207 with a consistent length), Cisco Skinny/SCCP (little-endian length, header version,
 * message id on port 2000), H.323 call signalling (TPKT + Q.931 on 1720), RTMP (handshake C0 with
 * version 3 and the 1536-byte C1).
 */
import { u16be, u32le } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { byteRange, type Probe, type ProbeInput } from '../probe.js';
import { isTpkt } from './remote-access.js';

const RTP = protocolIndex('rtp'), RTCP = protocolIndex('rtcp'), SKINNY = protocolIndex('skinny');
const H323 = protocolIndex('h323'), RTMP = protocolIndex('rtmp');

export const rtcpProbe: Probe = {
  name: 'rtcp', l4: 'udp', minLen: 8, firstBytes: byteRange(0x80, 0xbf),
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const pt = d[o + 1] as number;
    if (pt < 200 || pt > 207) return 0;
    const words = u16be(d, o + 2);
    return (words + 1) * 4 <= x.len ? RTCP : 0;
  },
};

export const rtpProbe: Probe = {
  name: 'rtp', l4: 'udp', minLen: 12, firstBytes: byteRange(0x80, 0xbf),
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const pt = (d[o + 1] as number) & 0x7f;
    if (!(pt <= 34 || pt >= 96)) return 0;
    if (x.srcPort < 1024 || x.dstPort < 1024) return 0;
    const ssrc16 = u16be(d, o + 10);
    if (x.candidate === RTP && x.scratch === ssrc16) return RTP;
    if (x.candidate === 0) {
      x.candidate = RTP;
      x.scratch = ssrc16;
    }
    x.guess = RTP;
    return 0;
  },
};

export const skinnyProbe: Probe = {
  name: 'skinny', l4: 'tcp', minLen: 12, ports: [2000],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const length = u32le(d, o), version = u32le(d, o + 4), id = u32le(d, o + 8);
    if (length < 4 || length + 8 > x.len + 65535 || length > 65535) return 0;
    if (version !== 0 && version !== 0x11 && version !== 0x12 && version !== 0x14 && version !== 0x16) return 0;
    return id < 0x200 || (id >= 0x8000 && id < 0x8200) ? SKINNY : 0;
  },
};

export const h323Probe: Probe = {
  name: 'h323', l4: 'tcp', minLen: 8, firstBytes: [0x03], ports: [1720],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return isTpkt(d, o, x.len) && d[o + 4] === 0x08 ? H323 : 0;
  },
};

export const rtmpProbe: Probe = {
  name: 'rtmp', l4: 'tcp', minLen: 1537, firstBytes: [0x03],
  match(x: ProbeInput): number {
    return x.fromClient && x.dirPackets === 0 && (x.len === 1537 || x.serverPort === 1935) ? RTMP : 0;
  },
};

export const VOIP_MEDIA_PROBES: readonly Probe[] = [skinnyProbe, h323Probe, rtmpProbe];
/** RTP and RTCP accept much binary data: they run after everything else. */
export const RTP_PROBES: readonly Probe[] = [rtcpProbe, rtpProbe];
