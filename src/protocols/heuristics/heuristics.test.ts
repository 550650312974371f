/**
 * Every heuristic family on real payloads: bytes copied from the corpus captures (named per
 * case; `tshark -r FILE -T fields -e tcp.payload -e udp.payload`), classified by the whole engine
 * with deliberately unhelpful ports where the payload alone must decide.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { classify, type TestFlow } from '../test-classify.js';

interface Case { readonly name: string; readonly flow: TestFlow; readonly id: string }

const c = (name: string, id: string, l4: 'tcp' | 'udp', clientPort: number, serverPort: number, ...hex: string[]): Case =>
  ({ name, id, flow: { l4, clientPort, serverPort, packets: hex.map((h) => ({ hex: h })) } });
const s = (name: string, id: string, l4: 'tcp' | 'udp', clientPort: number, serverPort: number, hex: string): Case =>
  ({ name, id, flow: { l4, clientPort, serverPort, packets: [{ hex, fromServer: true }] } });

const CASES: readonly Case[] = [
  // ndpi_tls_ech.pcapng: a ClientHello, on an unregistered port.
  c('tls client hello', 'tls', 'tcp', 47460, 40443, '16030102430100023f03031d2866261a24cc0c15c6deba5b0e971a19a23b72524d3a1ca2acea56d0'),
  // ndpi_6in4tunnel.pcap: application data from an IMAPS server joined mid-stream.
  s('tls mid-stream on 993 is imaps', 'imaps', 'tcp', 56381, 993, '1703030029406ef3e9acf78a9b93e37e0e2da68d1639a81309660299dbf4c644'),
  // ndpi_quic-v2.pcapng: QUIC v2 Initial.
  c('quic v2', 'quic', 'udp', 42086, 4443, 'd66b3343cf080726272642fc2eb20811fffdea452422b832a196c2fa15ec4a99b399b9116eb2c5ef'),
  // zeek_quic_curl-…-www-google-de.pcap: QUIC v1 Initial.
  c('quic v1', 'quic', 'udp', 50000, 4433, 'cc0000000110815d62c70884f4b51e8ccadd5beed37214e5ec6b26584229'),
  // ndpi_http_ipv6.pcap: Google QUIC Q025.
  c('gquic', 'quic', 'udp', 45931, 4443, '0d49bee2d3f0edccd65130323501d8697e21ab650d33f17a3cf300a00100'),
  // ndpi_6in4tunnel.pcap: HTTP GET.
  c('http get', 'http', 'tcp', 41538, 8999, '474554202f20485454502f312e310d0a557365722d4167656e743a20576765742f312e31362e3320'),
  // ndpi_gre.pcapng: a SIP response.
  s('sip response', 'sip', 'udp', 5060, 5060, '5349502f322e302031303020547279696e670d0a5669613a205349502f322e302f554450203139322e3136382e3130332e34303a353036303b72706f'),
  // ndpi_ssdp-m-search.pcap: M-SEARCH to an odd port.
  c('ssdp m-search', 'ssdp', 'udp', 42253, 32412, '4d2d534541524348202a20485454502f312e310d0a'),
  // ndpi_FAX-Call-t38-CA-TDM-SIP-FB-1.pcap: Megaco text.
  c('megaco', 'megaco', 'udp', 2944, 2944, '212f31203c694d53533e0a543d3535353238323731337b433d2d7b41563d'),
  // zeek_ssh_single-conn.pcap: SSH identification.
  c('ssh', 'ssh', 'tcp', 40000, 2222, '5353482d312e39392d4f70656e5353485f332e3970310a'),
  // zeek_ftp_ipv4.pcap: FTP greeting.
  s('ftp greeting', 'ftp', 'tcp', 40000, 2121, '323230206674702e4e65744253442e6f7267204654502073657276657220284e65744253442d6674'),
  // zeek_smb_smb2readwrite.pcap: SMB2 over direct TCP.
  c('smb2', 'smb', 'tcp', 40000, 4450, '000000e8fe534d424000010000000000050001000000000000000000cd04000000000000fffe0000'),
  // ndpi_netbios.pcap: name query, browser datagram, session request.
  c('netbios name', 'netbios', 'udp', 137, 137, 'a7490110000100000000000020464946444645464345464542454e46504549464a4341434143414341434141410000200001'),
  c('netbios datagram', 'netbios', 'udp', 138, 138, '110ec2f40a000509008a00bb000020454f46474643444a43414341434143414341434143414341434143414341434100204647454a4548454a454d4542454f46454650454846434550464646414341424e00ff534d422500000000000000000000000000'),
  c('netbios session', 'netbios', 'tcp', 55489, 139, '8100004420454a4543454a45474549464244424442464846444441444344444341434143410020464345504644454745494642444144484648464444414441444543414341414100'),
  // ndpi_nfsv3.pcap: mountd call (NFS family), portmapper call.
  c('onc rpc mount', 'nfs', 'udp', 3296, 1048, '384376590000000000000002000186a5000000030000000000000000000000000000000000000000'),
  c('onc rpc portmap', 'sunrpc', 'udp', 3295, 41111, '38434f690000000000000002000186a000000003000000030000000000000000'),
  // ndpi_profinet-io-le.pcap: PROFINET IO connect (DCE/RPC connectionless).
  c('profinet io', 'profinet-io', 'udp', 1566, 34964, '04000800100000000000a0de976cd111827100010003015a0100a0de976cd111827100a02442df7ddbabbaec1d005443b2500b01630abafd0000000001000000000000000500ffffffff54000000000040800000400000004080000000000000400000000009003c0100000a0000000000000000000000000000000000000000000000010000f84000008000000000000000000000000000000000000000000000000000'),
  // ndpi_6in4tunnel.pcap: DNS query; tcpdump_dns_tcp.pcap: DNS over TCP.
  c('dns', 'dns', 'udp', 53959, 53, '1a0200100001000000000001047374617204633130720866616365626f6f6b03636f6d00001c00010000291000000080000000'),
  c('dns over tcp', 'dns', 'tcp', 40000, 53, '0038431901200001000000000001037777770774637064756d70036f72670000010001000029100000000000000c000a00088f06be7d691442f0'),
  // zeek_dhcp_dhcp.pcap: DHCP discover; tcpdump_dhcpv6-ia-na.pcap: solicit.
  c('dhcp', 'dhcp', 'udp', 68, 6767, '01010600000007c0000000000000000000000000000000000000000090b11c99492900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501013204c0a8d3c20c0d62746573742e69732e636f6f6cff'),
  c('dhcpv6', 'dhcpv6', 'udp', 546, 547, '0190b45c0001000a0003000100010203040500060004001700180008000200000003000c0203040500000e1000001518'),
  // ndpi_NTPv4.pcap.
  c('ntp', 'ntp', 'udp', 123, 123, '230207eb00000450000003ab83bc03dfd94f51c33165b860d944575530336fd0d944575531b4e978d94f51f42d26e2f4'),
  // zeek_snmp_snmpv1_get.pcap on an odd port.
  c('snmp', 'snmp', 'udp', 40000, 1161, '302602010004067075626c6963a019020126020100020100300e300c06082b060102010102000500'),
  // ndpi_syslog.pcap: over UDP, and over TCP on an odd port.
  c('syslog udp', 'syslog', 'udp', 514, 514, '3c32363e4a616e2030312030303a30313a3437206e6236206e62643a2030313d373b30333d39352e'),
  c('syslog tcp', 'syslog', 'tcp', 49948, 52173, '3c32323e3120323032312d30342d31385431343a35313a34382b30343a3030206950686f6e65372c'),
  // Industrial: ndpi_IEC104.pcap (server S-frame), ndpi_s7comm.pcap (job), zeek_dnp3_dnp3.pcap,
  // zeek_modbus_modbusSmall.pcap, ndpi_opc-ua.pcap, ndpi_bacnet.pcap, ndpi_ethernetIP.pcap.
  s('iec 104', 'iec60870', 'tcp', 54768, 12404, '6804010042b9'),
  c('s7comm job', 's7comm', 'tcp', 4185, 1102, '0300001902f08032010000020000080000f0000001000101e0'),
  c('s7comm cotp connect on 102', 's7comm', 'tcp', 4185, 102, '0300001611e00000000700c1020100c2020102c0010a'),
  c('dnp3', 'dnp3', 'tcp', 40000, 20001, '05640a44030004007caee6f78210004fbd'),
  c('modbus', 'modbus', 'tcp', 40000, 502, '000100000008010f000000030100'),
  c('opc ua hello', 'opcua', 'tcp', 57420, 14840, '48454c4638000000000000000000020000000200000000400080000018000000'),
  c('bacnet', 'bacnet', 'udp', 47808, 47808, '810b000c0120ffff00ff1008'),
  c('ethernet/ip', 'ethernetip', 'tcp', 50275, 44818, '70003a0000010210000000001a392f000000000000000000000000000a000200a100040009133500b1002600e46a0a02200224010200060012004c022072240000ce040001004c02207224002c3d04000100'),
  // ndpi_skinny.pcap: a station message; ndpi_radmin3.pcapng.
  c('skinny', 'skinny', 'tcp', 51532, 2000, '0c00000014000000490000000200000001000000'),
  c('radmin', 'radmin', 'tcp', 49736, 4899, '01000000010000000808'),
];

for (const k of CASES) {
  test(`heuristics: ${k.name}`, () => {
    const r = classify(k.flow);
    assert.equal(r.id, k.id);
    assert.equal(r.confidence, 'payload');
  });
}

test('heuristics: RTP needs two packets with one SSRC (ndpi_skinny.pcap), else stays a guess', () => {
  const first = '8080059b0002e0c0f6bf57e2ffffffffffffffffffffffffffffffffffff';
  const second = '8080059c0002e160f6bf57e2ffffffffffffffffffffffffffffffffffff';
  assert.deepEqual(classify({ l4: 'udp', clientPort: 32150, serverPort: 9395, packets: [{ hex: first }, { hex: second }] }), { id: 'rtp', confidence: 'payload' });
  assert.deepEqual(classify({ l4: 'udp', clientPort: 32150, serverPort: 9395, packets: [{ hex: first }] }), { id: 'rtp', confidence: 'guess' });
});

test('heuristics: text that is no protocol stays unknown', () => {
  assert.deepEqual(classify({ l4: 'tcp', clientPort: 40000, serverPort: 40001, packets: [{ hex: Buffer.from('hello world\r\n').toString('hex') }] }), { id: 'unknown', confidence: 'none' });
  assert.deepEqual(classify({ l4: 'udp', clientPort: 40000, serverPort: 40001, packets: [{ hex: '00'.repeat(64) }] }), { id: 'unknown', confidence: 'none' });
});
