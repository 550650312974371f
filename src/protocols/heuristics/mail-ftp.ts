/**
 * @module protocols/heuristics/mail-ftp
 * Line-based client/server protocols told apart by greeting or first command: FTP (RFC 959),
 * SMTP (RFC 5321), POP3 (RFC 1939), IMAP (RFC 9051), NNTP (RFC 3977). A "220" greeting is FTP or
 * SMTP (or NNTP with "200/201"): the greeting text ("FTP", "SMTP") or else the port decides.
 */
import { protocolIndex } from '../registry.js';
import { ascii, bytesAt, bytesAtNoCase, charsOf, indexOfBytes, lineEnd, type Probe, type ProbeInput } from '../probe.js';

const FTP = protocolIndex('ftp'), SMTP = protocolIndex('smtp'), POP3 = protocolIndex('pop3');
const IMAP = protocolIndex('imap'), NNTP = protocolIndex('nntp');

const G220 = ascii('220'), W_FTP = ascii('FTP'), W_SMTP = ascii('SMTP'), W_MAIL = ascii('mail');
const POP_OK = ascii('+OK'), IMAP_OK = ascii('* OK'), IMAP_PREAUTH = ascii('* PREAUTH'), IMAP_BYE = ascii('* BYE');
const SMTP_CMDS = ['EHLO ', 'HELO '].map(ascii);
const FTP_CMDS = ['AUTH TLS', 'AUTH SSL', 'FEAT', 'SYST', 'PASV', 'EPSV'].map(ascii);
const USER = ascii('USER '), CAPA = ascii('CAPA'), APOP = ascii('APOP ');
const IMAP_CMDS = [' CAPABILITY', ' LOGIN ', ' AUTHENTICATE ', ' STARTTLS', ' ID ('].map(ascii);

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

function banner220(x: ProbeInput): number {
  const d = x.data, o = x.off, limit = o + x.len;
  const sep = d[o + 3];
  if (sep !== 0x20 && sep !== 0x2d) return 0;
  const end = lineEnd(d, o, Math.min(limit, o + 512));
  const lineLimit = end < 0 ? Math.min(limit, o + 512) : end;
  if (indexOfBytes(d, o + 4, lineLimit, W_SMTP) >= 0) return SMTP;
  if (indexOfBytes(d, o + 4, lineLimit, W_FTP) >= 0) return FTP;
  const s = x.serverPort;
  if (s === 21) return FTP;
  if (s === 25 || s === 587 || s === 465 || s === 2525) return SMTP;
  if (s === 119) return NNTP;
  if (indexOfBytes(d, o + 4, lineLimit, W_MAIL) >= 0) return SMTP;
  return 0;
}

export const serverGreetingProbe: Probe = {
  name: 'greeting', l4: 'tcp', minLen: 4, firstBytes: [0x32, 0x2b, 0x2a],
  match(x: ProbeInput): number {
    if (x.fromClient && x.dirPackets > 0) return 0;
    const d = x.data, o = x.off, limit = o + x.len;
    if (bytesAt(d, o, limit, G220)) return banner220(x);
    if (bytesAt(d, o, limit, POP_OK) && (d[o + 3] === 0x20 || d[o + 3] === 0x0d)) return POP3;
    if (bytesAt(d, o, limit, IMAP_OK) || bytesAt(d, o, limit, IMAP_PREAUTH) || bytesAt(d, o, limit, IMAP_BYE)) return IMAP;
    if (d[o] === 0x32 && d[o + 1] === 0x30 && (d[o + 2] === 0x30 || d[o + 2] === 0x31) && d[o + 3] === 0x20 && x.serverPort === 119) return NNTP;
    return 0;
  },
};

export const clientCommandProbe: Probe = {
  name: 'mail-ftp-command', l4: 'tcp', minLen: 4, firstBytes: charsOf('ACEFHPSUacefhpsu'),
  match(x: ProbeInput): number {
    if (!x.fromClient) return 0;
    const d = x.data, o = x.off, limit = o + x.len;
    for (const c of SMTP_CMDS) if (bytesAtNoCase(d, o, limit, c)) return SMTP;
    for (const c of FTP_CMDS) if (bytesAtNoCase(d, o, limit, c)) return FTP;
    if (bytesAtNoCase(d, o, limit, CAPA) || bytesAtNoCase(d, o, limit, APOP)) return POP3;
    if (bytesAtNoCase(d, o, limit, USER)) return x.serverPort === 110 ? POP3 : x.serverPort === 21 ? FTP : 0;
    return 0;
  },
};

/** IMAP tagged commands: "<tag> CAPABILITY", "<tag> LOGIN …" (tags are short alphanumerics). */
export const imapCommandProbe: Probe = {
  name: 'imap-command', l4: 'tcp', minLen: 8,
  match(x: ProbeInput): number {
    if (!x.fromClient) return 0;
    const d = x.data, o = x.off, limit = o + x.len;
    let i = o;
    const tagEnd = Math.min(limit, o + 12);
    while (i < tagEnd) {
      const b = d[i] as number;
      if (!(isDigit(b) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2e)) break;
      i++;
    }
    if (i === o || d[i] !== 0x20) return 0;
    for (const c of IMAP_CMDS) if (bytesAtNoCase(d, i, limit, c)) return IMAP;
    return 0;
  },
};

export const MAIL_FTP_PROBES: readonly Probe[] = [serverGreetingProbe, clientCommandProbe];
export const MAIL_FTP_LATE_PROBES: readonly Probe[] = [imapCommandProbe];
