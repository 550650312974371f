/**
 * @module protocols/heuristics/messaging
 * Messaging and IoT brokers: MQTT (CONNECT with protocol name "MQTT"/"MQIsdp", OASIS MQTT 3.1.1
 * §3.1), AMQP (protocol header "AMQP"), XMPP (stream opening), NATS (INFO/CONNECT), STOMP
 * (CONNECT/STOMP frame), IRC (NICK/USER/CAP registration), CoAP (RFC 7252 version 1 on 5683).
 */
import { protocolIndex } from '../registry.js';
import { ascii, bytesAt, indexOfBytes, type Probe, type ProbeInput } from '../probe.js';

const MQTT = protocolIndex('mqtt'), AMQP = protocolIndex('amqp'), XMPP = protocolIndex('xmpp');
const NATS = protocolIndex('nats'), STOMP = protocolIndex('stomp'), IRC = protocolIndex('irc');
const COAP = protocolIndex('coap');

const MQTT_NAME = ascii('MQTT'), MQISDP = ascii('MQIsdp'), AMQP_HDR = ascii('AMQP');
const XML = ascii('<?xml'), STREAM = ascii('<stream:stream'), JABBER = ascii('jabber');
const NATS_INFO = ascii('INFO {'), NATS_CONNECT = ascii('CONNECT {');
const STOMP_CONNECT = ascii('CONNECT\n'), STOMP_STOMP = ascii('STOMP\n'), STOMP_CONNECT_CRLF = ascii('CONNECT\r\n');
const IRC_CMDS = ['NICK ', 'CAP LS', 'PASS '].map(ascii), IRC_NOTICE = ascii(' NOTICE ');

export const mqttProbe: Probe = {
  name: 'mqtt', l4: 'tcp', minLen: 12, firstBytes: [0x10],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    let p = o + 1;
    for (let i = 0; i < 4 && ((d[p] as number) & 0x80) !== 0; i++) p++;
    p++;
    const limit = o + x.len;
    if (d[p] === 0 && d[p + 1] === 4 && bytesAt(d, p + 2, limit, MQTT_NAME)) return MQTT;
    return d[p] === 0 && d[p + 1] === 6 && bytesAt(d, p + 2, limit, MQISDP) ? MQTT : 0;
  },
};

export const brokerTextProbe: Probe = {
  name: 'broker-text', l4: 'tcp', minLen: 6, firstBytes: [0x41, 0x3c, 0x49, 0x43, 0x53, 0x4e, 0x50, 0x3a],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, limit = o + x.len;
    if (bytesAt(d, o, limit, AMQP_HDR) && x.len === 8) return AMQP;
    if (bytesAt(d, o, limit, STREAM)) return XMPP;
    if (bytesAt(d, o, limit, XML)) return indexOfBytes(d, o, Math.min(limit, o + 512), STREAM) >= 0 && indexOfBytes(d, o, Math.min(limit, o + 512), JABBER) >= 0 ? XMPP : 0;
    if (bytesAt(d, o, limit, NATS_INFO) || bytesAt(d, o, limit, NATS_CONNECT)) return NATS;
    if (bytesAt(d, o, limit, STOMP_CONNECT) || bytesAt(d, o, limit, STOMP_STOMP) || bytesAt(d, o, limit, STOMP_CONNECT_CRLF)) return STOMP;
    for (const c of IRC_CMDS) if (bytesAt(d, o, limit, c)) return x.fromClient ? IRC : 0;
    if (d[o] === 0x3a && indexOfBytes(d, o, Math.min(limit, o + 128), IRC_NOTICE) >= 0) return IRC;
    return 0;
  },
};

export const coapProbe: Probe = {
  name: 'coap', l4: 'udp', minLen: 4, ports: [5683, 5684],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const b = d[o] as number;
    const code = d[o + 1] as number;
    const cls = code >>> 5;
    return b >>> 6 === 1 && (b & 0x0f) <= 8 && (cls === 0 || cls === 2 || cls === 4 || cls === 5) ? COAP : 0;
  },
};

export const MESSAGING_PROBES: readonly Probe[] = [mqttProbe, brokerTextProbe, coapProbe];
