/**
 * @module flow/tcp
 * Per-connection TCP measurement: state and figures per connection entity (see README.md).
 */
export { TcpConnectionMetrics } from './tcp-connection-metrics.js';
export { TcpSlots } from './tcp-slots.js';
export { FlagCount, SegmentKind, Termination } from './tcp-bits.js';
export { tcpSegmentLength } from './segment.js';
export { seqDiff, seqGt, seqLt, seqLe, seqAdd } from './seq.js';
