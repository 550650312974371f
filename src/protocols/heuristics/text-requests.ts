/**
 * @module protocols/heuristics/text-requests
 * Protocols with HTTP-like start lines: HTTP/1.x (RFC 9112), RTSP (RFC 7826), SIP (RFC 3261),
 * SSDP (HTTP over UDP, UPnP), Megaco text (RFC 3525) and MGCP (RFC 3435). A request line is
 * "METHOD SP target SP VERSION CRLF"; the version token at the end of the first line decides;
 * when the line is cut by the segment, a method that belongs to one protocol alone does. A status
 * line starts with the version.
 */
import { protocolIndex } from '../registry.js';
import { ascii, bytesAt, byteRange, lineEnd, type Probe, type ProbeInput } from '../probe.js';

const HTTP = protocolIndex('http'), RTSP = protocolIndex('rtsp'), SIP = protocolIndex('sip');
const SSDP = protocolIndex('ssdp'), MEGACO = protocolIndex('megaco'), MGCP = protocolIndex('mgcp');
const HTTP_PROXY = protocolIndex('http-proxy');

const V_HTTP = ascii('HTTP/1.'), V_RTSP = ascii('RTSP/1.'), V_RTSP2 = ascii('RTSP/2.'), V_SIP = ascii('SIP/2.0');
const V_MGCP = ascii('MGCP 1.');
const MEGACO_1 = ascii('MEGACO/'), MEGACO_2 = ascii('!/');

/** Methods that name one protocol even when the line is cut. */
const HTTP_METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'CONNECT', 'SEARCH', 'REPORT'].map((m) => ascii(`${m} `));
const SIP_METHODS = ['INVITE', 'REGISTER', 'ACK', 'BYE', 'CANCEL', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'PRACK', 'REFER', 'MESSAGE', 'UPDATE'].map((m) => ascii(`${m} sip:`));
const RTSP_METHODS = ['DESCRIBE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN', 'ANNOUNCE', 'RECORD', 'GET_PARAMETER', 'SET_PARAMETER'].map((m) => ascii(`${m} rtsp`));
const SSDP_METHODS = ['M-SEARCH * ', 'NOTIFY * '].map((m) => ascii(m));
const MGCP_VERBS = ['EPCF', 'CRCX', 'MDCX', 'DLCX', 'RQNT', 'NTFY', 'AUEP', 'AUCX', 'RSIP'].map((m) => ascii(`${m} `));

const MAX_LINE = 2048;

function anyAt(d: Uint8Array, o: number, limit: number, list: readonly Uint8Array[]): boolean {
  for (let i = 0; i < list.length; i++) if (bytesAt(d, o, limit, list[i] as Uint8Array)) return true;
  return false;
}

function viaHttp(x: ProbeInput): number {
  if (x.l4 === 17) return SSDP;
  const s = x.serverPort;
  return s === 3128 || s === 8118 || s === 8123 ? HTTP_PROXY : HTTP;
}

export const startLineProbe: Probe = {
  name: 'start-line', l4: 'both', minLen: 4, firstBytes: [...byteRange(0x41, 0x5a), 0x21],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, limit = o + x.len;
    // Status lines and Megaco.
    if (bytesAt(d, o, limit, V_HTTP)) return viaHttp(x);
    if (bytesAt(d, o, limit, V_RTSP) || bytesAt(d, o, limit, V_RTSP2)) return RTSP;
    if (bytesAt(d, o, limit, V_SIP)) return SIP;
    if (bytesAt(d, o, limit, MEGACO_1) || (bytesAt(d, o, limit, MEGACO_2) && (d[o + 2] as number) >= 0x30 && (d[o + 2] as number) <= 0x39)) return MEGACO;
    // Request lines: the version at the end of the first line.
    const end = lineEnd(d, o, Math.min(limit, o + MAX_LINE));
    if (end > o + 8) {
      if (bytesAt(d, end - 8, end, V_HTTP)) return x.l4 === 17 || anyAt(d, o, limit, SSDP_METHODS) ? SSDP : viaHttp(x);
      if (bytesAt(d, end - 8, end, V_RTSP) || bytesAt(d, end - 8, end, V_RTSP2)) return RTSP;
      if (bytesAt(d, end - 7, end, V_SIP)) return SIP;
      if (end > o + 12 && bytesAt(d, end - 8, end, V_MGCP) && anyAt(d, o, limit, MGCP_VERBS)) return MGCP;
      return 0;
    }
    if (end >= 0) return 0;
    // The first line goes beyond this segment.
    if (anyAt(d, o, limit, SIP_METHODS)) return SIP;
    if (anyAt(d, o, limit, RTSP_METHODS)) return RTSP;
    if (x.l4 === 6 && x.fromClient && anyAt(d, o, limit, HTTP_METHODS)) return viaHttp(x);
    return 0;
  },
};

export const TEXT_REQUEST_PROBES: readonly Probe[] = [startLineProbe];
