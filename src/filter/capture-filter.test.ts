/**
 * Unit tests of the capture filter's front end: grammar (and/&&, or/||, precedence, parentheses,
 * quotes, case-insensitive keywords and operands), checked values, and errors that name the
 * position and the expected tokens. `filter explain` output is checked for its four stages.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatAst } from './ast.js';
import { formatChecked } from './check.js';
import { explainCaptureFilter, formatFilterError } from './explain.js';
import { buildCaptureFilter, FilterSyntaxError } from './index.js';
import { parseCaptureFilter } from './parser.js';

function errorOf(expr: string): FilterSyntaxError {
  try {
    buildCaptureFilter(expr);
  } catch (err) {
    if (err instanceof FilterSyntaxError) return err;
    throw err;
  }
  assert.fail(`no error for ${expr}`);
}

const checked = (expr: string): string => formatChecked(buildCaptureFilter(expr).checked);

test('grammar: and binds tighter than or, symbols and words, parentheses, case-insensitive keywords', () => {
  assert.equal(formatAst(parseCaptureFilter('ip == 10.0.0.1 or port == 80 and vlan == 1')),
    '(or (== ip 10.0.0.1) (and (== port 80) (== vlan 1)))');
  assert.equal(formatAst(parseCaptureFilter('(ip==10.0.0.1||port==80)&&vlan!=1')),
    '(and (or (== ip 10.0.0.1) (== port 80)) (!= vlan 1))');
  assert.equal(formatAst(parseCaptureFilter('IP == 10.0.0.1 AND Port == 80 Or VLAN == 2')),
    '(or (and (== IP 10.0.0.1) (== Port 80)) (== VLAN 2))');
  assert.equal(checked('IP == 10.0.0.1 AND L4PROTOCOL == tcp,Udp'), '(and ip==10.0.0.1/32 l4Protocol=={6,17})');
  assert.equal(checked('port == 1 and port == 2 and port == 3'), '(and port=={1} port=={2} port=={3})');
  assert.equal(checked('macProtocol == "Non IP"'), 'macProtocol=={131072}');
  assert.equal(checked("group == 'my group'"), 'group=="my group"');
});

test('checked values: CIDR, abbreviations, ports, ranges, lists, flags, keywords', () => {
  assert.equal(checked('ip == 10.0/16'), 'ip==10.0.0.0/16');
  assert.equal(checked('ip == 10.1.2.3/8'), 'ip==10.0.0.0/8');
  assert.equal(checked('ip == 10.0.0.1:1234'), 'ip==10.0.0.1/32:1234');
  assert.equal(checked('ip == [2a02:810a:1340:1292:1c6b:e58d:6ebc:6cd2]:123'), 'ip==[2a02:810a:1340:1292:1c6b:e58d:6ebc:6cd2]/128:123');
  assert.equal(checked('ip == ff02::1:3'), 'ip==[ff02:0:0:0:0:0:1:3]/128');
  assert.equal(checked('portrange == 80,100-120,-10,65000-'), 'portrange=={0-10,80,100-120,65000-65535}');
  assert.equal(checked('portrange == 1-5,3-9,10'), 'portrange=={1-10}');
  assert.equal(checked('interface == 1,3-5'), 'interface=={1,3-5}');
  assert.equal(checked('tcpFlags == syn+ack'), 'tcpFlags==flags&0x12');
  assert.equal(checked('vlan == none'), 'vlan==none');
  assert.equal(checked('outervlan == ANY'), 'outervlan==any');
  assert.equal(checked('rtpPayloadType == PCMA,mp2t'), 'rtpPayloadType=={8,33}');
  assert.equal(checked('profinetCmOpnum == "read implicit"'), 'profinetCmOpnum=={5}');
  assert.equal(checked('countryCode == de'), 'countryCode=="DE"');
  assert.equal(checked('regexp == "(?i)allegro|http"'), 'regexp==re2/(?i)allegro|http/');
  assert.equal(checked('l4Protocol == ICMP,ICMPv6'), 'l4Protocol=={1,58}');
});

test('errors name the position and what was expected', () => {
  let e = errorOf('ip = 10.0.0.1');
  assert.equal(e.position, 3);
  assert.match(e.message, /unexpected character '='|expected '=='/);
  e = errorOf('ip == 10.0.0.1 and');
  assert.equal(e.position, 18);
  assert.match(e.message, /unexpected end of filter at character 19; expected an operand name or '\('/);
  e = errorOf('colour == red');
  assert.equal(e.position, 0);
  assert.match(e.message, /unknown operand 'colour' at character 1; expected ip or mac or port/);
  e = errorOf('ip == 10.0.0.256');
  assert.equal(e.position, 6);
  assert.match(e.message, /not an IPv4 address/);
  e = errorOf('ip == 10.0/33');
  assert.equal(e.position, 6 + 5);
  assert.match(e.message, /bad prefix length/);
  e = errorOf('portrange == 80,100-70');
  assert.equal(e.position, 13 + 3);
  assert.match(e.message, /bad range '100-70'/);
  e = errorOf('port == 70000');
  assert.match(e.message, /out of range 0-65535/);
  e = errorOf('port == 80,81');
  assert.match(e.message, /'80,81' is not a number/);
  e = errorOf('tcpFlags == syn+ach');
  assert.equal(e.position, 12 + 4);
  assert.match(e.message, /'ach' is not a TCP flag.*expected 'fin' or 'syn'/);
  e = errorOf('l4Protocol == TCP,QUUX');
  assert.equal(e.position, 14 + 4);
  assert.match(e.message, /'QUUX' is not an IP protocol/);
  e = errorOf('vlan == some');
  assert.match(e.message, /expected a number 0-4095 or 'any' or 'none'/);
  e = errorOf('(ip == 10.0.0.1');
  assert.equal(e.position, 15);
  assert.match(e.message, /expected '\)'/);
  e = errorOf('ip == 10.0.0.1)');
  assert.equal(e.position, 14);
  assert.match(e.message, /expected 'and' or 'or' or end of filter/);
  e = errorOf('regexp == "(a)\\1"');
  assert.equal(e.position, 10);
  assert.match(e.message, /invalid regular expression/);
  e = errorOf('regexp == "a(?=b)"');
  assert.match(e.message, /invalid regular expression/);
  e = errorOf('regexp == "abc');
  assert.match(e.message, /unterminated string/);
  e = errorOf('arpip == fe80::1');
  assert.match(e.message, /arpip takes an IPv4 address/);
  e = errorOf('countryCode == USA');
  assert.match(e.message, /two-letter country code/);
  e = errorOf('l7Protocol == NoSuchProtocol');
  assert.match(e.message, /not a layer-7 protocol name/);
  e = errorOf('');
  assert.match(e.message, /expected an operand name/);
  assert.equal(formatFilterError('ip == x', errorOf('ip == x')), "error: 'x' is not an IPv4 address at character 7; expected an IPv4 address (10.0.0.1, 10.0/16, 10.0.0.1:80) or an IPv6 address (fe80::1, 2001:db8::/32, [fe80::1]:123)\n  ip == x\n        ^\n");
});

test('bounds: nesting, length, comparisons', () => {
  assert.match(errorOf('('.repeat(100_000)).message, /nested too deeply|longer than/);
  assert.match(errorOf('('.repeat(100) + 'port == 1' + ')'.repeat(100)).message, /nested too deeply/);
  assert.match(errorOf(Array.from({ length: 300 }, () => 'port==1').join(' or ')).message, /more than 256 comparisons/);
});

test('explain prints tokens, ast, checked form and plan', () => {
  const text = explainCaptureFilter('ip == 10.0/16 and (port == 80 || tcpFlags == syn+ack) and l7Protocol != DNS');
  assert.match(text, /^tokens:\n +0 +word +"ip"/);
  assert.match(text, /ast:\n {2}\(and \(and \(== ip 10.0\/16\) \(or \(== port 80\) \(== tcpFlags syn\+ack\)\)\) \(!= l7Protocol DNS\)\)/);
  assert.match(text, /checked:\n {2}\(and ip==10.0.0.0\/16 \(or port==\{80\} tcpFlags==flags&0x12\) l7Protocol!=\{\d+\}\)/);
  assert.match(text, /ip: IPv4 mask 0xffff0000 net 0x0a000000/);
  assert.match(text, /NOT l7Protocol: .*\[context: matches nothing until a module provides it\]/);
  assert.match(explainCaptureFilter('portrange == 80,443,8000-8080'), /bitset of 83 values/);
});

test('garbage never throws anything but FilterSyntaxError (seeded random inputs)', () => {
  let s = 12345;
  const r = (): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
  const atoms = ['ip', 'port', 'vlan', 'regexp', 'tcpFlags', '==', '!=', '(', ')', 'and', 'or', '&&', '||', '"', "'", '\\', ' ',
    '10.0.0.1', '10/8', '[', ']', ':', ',', '-', '+', 'syn', 'any', '(?i)', '*', '?', '\u201c', '\u201d', '0x', '999999999999', 'ff02::1'];
  let ok = 0;
  for (let i = 0; i < 5000; i++) {
    const n = 1 + Math.floor(r() * 12);
    let expr = '';
    for (let k = 0; k < n; k++) expr += atoms[Math.floor(r() * atoms.length)] ?? '';
    try {
      buildCaptureFilter(expr);
      ok++;
    } catch (err) {
      if (!(err instanceof FilterSyntaxError)) assert.fail(`${String(err)} for ${JSON.stringify(expr)}`);
      assert.ok(err.position >= 0 && err.position <= expr.length, `position ${err.position} for ${JSON.stringify(expr)}`);
    }
  }
  // Every prefix of valid expressions: either valid or a FilterSyntaxError inside the text.
  for (const valid of ['ip == [2a02::1]:123 and (portrange == 80,100-120,-10,65000- || tcpFlags == syn+ack)',
    'regexp == "(?i)allegr[o,a]|HTTP" && macProtocol != "Non IP"', "vlan == any or group == 'a b' and l7Protocol == DNS,TLS"]) {
    for (let k = 0; k <= valid.length; k++) {
      try {
        buildCaptureFilter(valid.slice(0, k));
        ok++;
      } catch (err) {
        if (!(err instanceof FilterSyntaxError)) assert.fail(`${String(err)} for ${valid.slice(0, k)}`);
      }
    }
  }
  assert.ok(ok >= 3, `${ok} valid`);
});
