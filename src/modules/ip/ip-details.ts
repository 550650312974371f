/**
 * @module modules/ip/ip-details
 * Per-IP figures beyond the traffic counters, as columns beside the core IP table: TTL (or hop
 * limit) min/max/sum/count of unicast TCP/UDP packets the IP sent, MTU (largest IP packet) per
 * direction, TCP and UDP packets, peers, connections as client and as server, and the start of
 * the newest connection.
 */
import { resized } from '../../store/resize.js';
import type { EntityListener } from '../../store/entity-table.js';

export class IpDetails implements EntityListener {
  ttlMin = new Uint8Array(0);
  ttlMax = new Uint8Array(0);
  ttlSum = new Float64Array(0);
  ttlCount = new Float64Array(0);
  mtuRx = new Uint32Array(0);
  mtuTx = new Uint32Array(0);
  tcpPackets = new Float64Array(0);
  udpPackets = new Float64Array(0);
  peers = new Uint32Array(0);
  clientConnections = new Float64Array(0);
  serverConnections = new Float64Array(0);
  lastConnectionUs = new Float64Array(0);
  /** Caches (entity + 1) of this IP's last (IP, DSCP) entity as sender and as receiver. */
  qosTxCache = new Int32Array(0);
  qosRxCache = new Int32Array(0);

  static readonly BYTES_PER_ENTITY = 1 + 1 + 8 + 8 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 4 + 4;

  resize(capacity: number): void {
    this.ttlMin = resized(this.ttlMin, capacity);
    this.ttlMax = resized(this.ttlMax, capacity);
    this.ttlSum = resized(this.ttlSum, capacity);
    this.ttlCount = resized(this.ttlCount, capacity);
    this.mtuRx = resized(this.mtuRx, capacity);
    this.mtuTx = resized(this.mtuTx, capacity);
    this.tcpPackets = resized(this.tcpPackets, capacity);
    this.udpPackets = resized(this.udpPackets, capacity);
    this.peers = resized(this.peers, capacity);
    this.clientConnections = resized(this.clientConnections, capacity);
    this.serverConnections = resized(this.serverConnections, capacity);
    this.lastConnectionUs = resized(this.lastConnectionUs, capacity);
    this.qosTxCache = resized(this.qosTxCache, capacity);
    this.qosRxCache = resized(this.qosRxCache, capacity);
  }

  reset(e: number): void {
    this.ttlMin[e] = 255;
    this.ttlMax[e] = 0;
    this.ttlSum[e] = 0;
    this.ttlCount[e] = 0;
    this.mtuRx[e] = 0;
    this.mtuTx[e] = 0;
    this.tcpPackets[e] = 0;
    this.udpPackets[e] = 0;
    this.peers[e] = 0;
    this.clientConnections[e] = 0;
    this.serverConnections[e] = 0;
    this.lastConnectionUs[e] = -1;
  }

  evicted(): void {
    // Columns of evicted ids are cleared by reset() when the id is reused.
  }

  /** `packets` like IP packets from src to dst (entity ids, -1 when not stored); ipLen is the largest. */
  packet(src: number, dst: number, proto: number, ttl: number, ipLen: number, dstUnicast: boolean, packets: number): void {
    if (src >= 0) {
      if ((this.mtuTx[src] as number) < ipLen) this.mtuTx[src] = ipLen;
      if (proto === 6) this.tcpPackets[src] = (this.tcpPackets[src] as number) + packets;
      else if (proto === 17) this.udpPackets[src] = (this.udpPackets[src] as number) + packets;
      if (dstUnicast && (proto === 6 || proto === 17)) {
        if (ttl < (this.ttlMin[src] as number)) this.ttlMin[src] = ttl;
        if (ttl > (this.ttlMax[src] as number)) this.ttlMax[src] = ttl;
        this.ttlSum[src] = (this.ttlSum[src] as number) + ttl * packets;
        this.ttlCount[src] = (this.ttlCount[src] as number) + packets;
      }
    }
    if (dst >= 0) {
      if ((this.mtuRx[dst] as number) < ipLen) this.mtuRx[dst] = ipLen;
      if (proto === 6) this.tcpPackets[dst] = (this.tcpPackets[dst] as number) + packets;
      else if (proto === 17) this.udpPackets[dst] = (this.udpPackets[dst] as number) + packets;
    }
  }

  /** TTL figures of an IP, or null when it sent no unicast TCP/UDP. */
  ttl(e: number): { min: number; max: number; avg: number } | null {
    const n = this.ttlCount[e] as number;
    if (n === 0) return null;
    return { min: this.ttlMin[e] as number, max: this.ttlMax[e] as number, avg: Math.round(((this.ttlSum[e] as number) / n) * 100) / 100 };
  }
}

/** true when the destination of IP layer words is a unicast address (not multicast/broadcast). */
export function isUnicast(version: number, w0: number, w3: number): boolean {
  if (version === 4) return w3 >>> 28 !== 14 && w3 !== 0xffffffff;
  return w0 >>> 24 !== 0xff;
}
