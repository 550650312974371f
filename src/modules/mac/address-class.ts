/**
 * @module modules/mac/address-class
 * Unicast, broadcast or multicast, by the destination MAC of an Ethernet header.
 */
export const AddressClass = { Unicast: 0, Broadcast: 1, Multicast: 2 } as const;
export const ADDRESS_CLASS_NAMES: readonly string[] = ['unicast', 'broadcast', 'multicast'];

const BROADCAST = 0xffffffffffff;
const TWO_40 = 2 ** 40;

export function addressClassOf(mac: number): number {
  if (mac === BROADCAST) return AddressClass.Broadcast;
  return (Math.floor(mac / TWO_40) & 1) !== 0 ? AddressClass.Multicast : AddressClass.Unicast;
}

/** Locally administered (bit 1 of the first octet). */
export function isLocal(mac: number): boolean {
  return (Math.floor(mac / TWO_40) & 2) !== 0;
}
