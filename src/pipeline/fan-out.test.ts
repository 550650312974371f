import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PacketInfo } from '../decode/packet-info.js';
import type { MeasurementModule } from '../modules/module.js';
import type { Resource } from '../modules/resource.js';
import { fanOut } from './fan-out.js';
import { PacketRefs } from './packet-refs.js';

function recorder(name: string, calls: string[], withFrame: boolean): MeasurementModule {
  const empty: Resource = { kind: 'object', name, schema: {}, get: () => ({}) };
  const m: MeasurementModule = {
    name,
    onPacket: (_pi, refs) => { calls.push(`${name}.onPacket ${refs.packets}`); },
    resource: () => empty,
  };
  if (withFrame) m.onFrame = (_pi, refs) => { calls.push(`${name}.onFrame ${refs.packets}`); };
  return m;
}

test('fan-out calls the hook of every module that has it, in order, with the same arguments', () => {
  const calls: string[] = [];
  const modules = [recorder('a', calls, true), recorder('b', calls, false), recorder('c', calls, true)];
  const refs = new PacketRefs();
  refs.packets = 3;
  fanOut(modules, 'onPacket')(new PacketInfo(), refs);
  fanOut(modules, 'onFrame')(new PacketInfo(), refs);
  assert.deepEqual(calls, ['a.onPacket 3', 'b.onPacket 3', 'c.onPacket 3', 'a.onFrame 3', 'c.onFrame 3']);
  // No module with the hook: a no-op.
  fanOut([recorder('d', calls, false)], 'onFrame')(new PacketInfo(), refs);
  assert.equal(calls.length, 5);
});

test('an analysis runs when Node forbids code generation from strings (the loop fallback)', () => {
  const analyzer = fileURLToPath(new URL('./analyzer.js', import.meta.url));
  const script = `const { Analyzer } = await import(${JSON.stringify(analyzer)});
    const { PacketInfo } = await import(${JSON.stringify(fileURLToPath(new URL('../decode/packet-info.js', import.meta.url)))});
    const a = new Analyzer();
    const pi = new PacketInfo();
    pi.tsSec = 1700000000; pi.origLen = 60; pi.capLen = 60;
    a.add(pi); a.finish();
    process.stdout.write(String(a.core.packets));`;
  const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '1');
});
