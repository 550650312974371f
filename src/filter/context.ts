/**
 * @module filter/context
 * What a capture filter reads besides the decoded packet: facts other parts of the engine know
 * about the packet's flow and endpoints (the L7 protocol from DPI, the server port from the
 * connection table, country codes, RTP payload type, SIP call id, groups, the link, CRC status).
 * The caller keeps one FilterContext, fills it per packet from what it has, and leaves the rest
 * at "unknown" (-1 / ''); a comparison with an unknown fact is false (so `==` matches nothing and
 * `!=` everything until a module produces the fact).
 */
export class FilterContext {
  /** Index in src/protocols/registry.ts PROTOCOLS of the flow's L7 protocol; -1 until classified. */
  l7Protocol = -1;
  /** The flow's server port (connection table); -1 unknown (the filter then guesses: see README). */
  serverPort = -1;
  /** ISO country codes (upper case) of the source and destination IP; '' unknown. */
  countrySrc = '';
  countryDst = '';
  /** RTP payload type of an RTP packet; -1 otherwise. */
  rtpPayloadType = -1;
  /** Link number of the receiving interface pair; -1 unknown. */
  link = -1;
  /** Names of the configured groups of the source and destination; '' none. */
  groupSrc = '';
  groupDst = '';
  /** 1 for a frame with a bad CRC, 0 for a good one, -1 when the source cannot tell (pcap files). */
  badCrc = -1;
  /** SIP Call-ID (or similar) of the packet's call; '' unknown. */
  callId = '';
  /** PROFINET CM operation number of a CM request/response; -1 otherwise. */
  profinetCmOpnum = -1;

  /** Back to "nothing known" (call per packet before filling). */
  reset(): void {
    this.l7Protocol = -1;
    this.serverPort = -1;
    this.countrySrc = '';
    this.countryDst = '';
    this.rtpPayloadType = -1;
    this.link = -1;
    this.groupSrc = '';
    this.groupDst = '';
    this.badCrc = -1;
    this.callId = '';
    this.profinetCmOpnum = -1;
  }
}

/** A context where nothing is known (the filter then reads the packet only). */
export const EMPTY_FILTER_CONTEXT: Readonly<FilterContext> = Object.freeze(new FilterContext());
