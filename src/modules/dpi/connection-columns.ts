/**
 * @module modules/dpi/connection-columns
 * The DPI columns of the connection lists: the application protocol's name and id and how it was
 * recognised (port, guess, payload, dissector). A connection the engine never inspected (an outer
 * tunnel header, say) shows the port tables' answer with confidence "port".
 */
import type { ConnectionTable } from '../../flow/connection-table.js';
import { CONFIDENCE_NAMES, confidenceName, Confidence } from '../../protocols/confidence.js';
import { portGuess, type ProtocolDetector } from '../../protocols/detect.js';
import { protocolInfo } from '../../protocols/registry.js';
import { clientIsA, type ConnectionExtension } from '../connections/connection-list.js';
import { str } from '../traffic-schema.js';

/** Protocol index and confidence level of connection e. */
export function connectionProtocol(t: ConnectionTable, detector: ProtocolDetector, e: number): { index: number; level: number } {
  const level = detector.confidenceOf(e);
  if (level !== Confidence.None) return { index: detector.protocolOf(e), level };
  const aIsClient = clientIsA(t, e) === 1;
  const server = (aIsClient ? t.portB[e] : t.portA[e]) as number, client = (aIsClient ? t.portA[e] : t.portB[e]) as number;
  const guess = portGuess(t.proto[e] as number, server, client);
  return { index: guess, level: guess === 0 ? Confidence.None : Confidence.Port };
}

export function dpiConnectionColumns(t: ConnectionTable, detector: ProtocolDetector): ConnectionExtension {
  return {
    columns: [
      { name: 'l7Protocol', type: 'string', value: (e) => protocolInfo(connectionProtocol(t, detector, e).index).name },
      { name: 'l7Confidence', type: 'string', value: (e) => confidenceName(connectionProtocol(t, detector, e).level) },
    ],
    schema: { l7Protocol: str, l7ProtocolId: str, l7Confidence: { type: 'string', enum: [...CONFIDENCE_NAMES] } },
    json: (e) => {
      const { index, level } = connectionProtocol(t, detector, e);
      const info = protocolInfo(index);
      return { l7Protocol: info.name, l7ProtocolId: info.id, l7Confidence: confidenceName(level) };
    },
  };
}
