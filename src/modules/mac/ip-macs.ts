/**
 * @module modules/mac/ip-macs
 * ip/ips/:ip/macs: the MAC addresses seen sending with an IP as source (the mac module's MAC↔IP
 * pairs, read from the IP's side), with vendor and traffic of the pair.
 */
import type { Store } from '../../store/store.js';
import type { MacTable } from '../../store/mac-table.js';
import type { PairTable } from '../../store/pair-table.js';
import { entityListView } from '../entity-list.js';
import type { Resource } from '../resource.js';
import { vendorOf } from './oui.js';
import { nullable, str, withTraffic } from '../traffic-schema.js';

export function ipMacsResource(pairs: PairTable, macs: MacTable, store: Store, ip: number): Resource {
  return {
    kind: 'list',
    name: 'macs',
    defaultSort: 'bytes',
    schema: withTraffic({ mac: str, vendor: nullable(str) }),
    open: (q) => entityListView({
      table: pairs,
      store,
      ids: Int32Array.from(pairs.pairsOf(ip, 1)),
      columns: [{ name: 'mac', type: 'string', value: (p) => macs.format(pairs.keyAOf(p)) }],
      searchText: (p) => macs.format(pairs.keyAOf(p)),
      json: (p) => ({ mac: macs.format(pairs.keyAOf(p)), vendor: vendorOf(macs.macOf(pairs.keyAOf(p))) }),
    }, q),
  };
}
