/**
 * @module protocols/heuristics
 * The ordered list of payload probes. Specific signatures come first (magic strings, exact
 * framings), loose ones last (length-only framings, RTP). The engine (detect.ts) keeps the order
 * within each first-byte bucket. Adding a heuristic family: its file here and one line below.
 */
import type { Probe } from '../probe.js';
import { TLS_QUIC_PROBES } from './tls-quic.js';
import { TEXT_REQUEST_PROBES } from './text-requests.js';
import { MAIL_FTP_LATE_PROBES, MAIL_FTP_PROBES } from './mail-ftp.js';
import { RDP_PROBES, REMOTE_ACCESS_PROBES } from './remote-access.js';
import { RPC_PROBES, WINDOWS_PROBES } from './windows.js';
import { NETWORK_SERVICE_PROBES } from './network-services.js';
import { INDUSTRIAL_PROBES } from './industrial.js';
import { DATABASE_LATE_PROBES, DATABASE_PROBES } from './databases.js';
import { MESSAGING_PROBES } from './messaging.js';
import { RTP_PROBES, VOIP_MEDIA_PROBES } from './voip-media.js';
import { P2P_PROBES } from './p2p.js';

export const PROBES: readonly Probe[] = [
  ...TLS_QUIC_PROBES,
  ...REMOTE_ACCESS_PROBES,
  ...P2P_PROBES,
  ...MESSAGING_PROBES,
  ...NETWORK_SERVICE_PROBES,
  ...INDUSTRIAL_PROBES,
  ...RDP_PROBES,
  ...WINDOWS_PROBES,
  ...VOIP_MEDIA_PROBES,
  ...TEXT_REQUEST_PROBES,
  ...MAIL_FTP_PROBES,
  ...DATABASE_PROBES,
  ...RPC_PROBES,
  ...MAIL_FTP_LATE_PROBES,
  ...DATABASE_LATE_PROBES,
  ...RTP_PROBES,
];
