/**
 * @module modules/vlan/vlan-keys
 * A VLAN entity is (depth, id): depth 0 is the frame's outermost tag, 1 the next (QinQ inner), and
 * so on in the frame's tag list; untagged frames count under (UNTAGGED, 0), shown as "none".
 * Path names: "100" or "outer-100", "inner-100", "inner2-100" (depth 2), "none".
 */
export const UNTAGGED = 0xff;

export function depthName(depth: number): string {
  if (depth === UNTAGGED) return 'none';
  if (depth === 0) return 'outer';
  return depth === 1 ? 'inner' : `inner${depth}`;
}

export function vlanKeyName(depth: number, id: number): string {
  return depth === UNTAGGED ? 'none' : `${depthName(depth)}-${id}`;
}

/** [depth, id] of a path name, or null. */
export function parseVlanKey(text: string): [number, number] | null {
  if (text === 'none') return [UNTAGGED, 0];
  const m = /^(?:(outer|inner(\d?))-)?(\d{1,4})$/.exec(text);
  if (!m) return null;
  const id = Number(m[3]);
  if (id > 4095) return null;
  if (m[1] === undefined || m[1] === 'outer') return [0, id];
  const depth = m[2] === undefined || m[2] === '' ? 1 : Number(m[2]);
  if (depth < 1 || depth >= UNTAGGED) return null;
  return [depth, id];
}
