/**
 * @module modules/registry
 * Every measurement module, one line each. Adding a module means adding its folder and its line.
 */
import type { ModuleFactory } from './module.js';
import { createIpModule } from './ip/index.js';
import { createConnectionsModule } from './connections/index.js';
import { createL4PortsModule } from './l4_ports/index.js';
import { createIcmpModule } from './icmp/index.js';
import { createTcpModule } from './tcp/index.js';
import { createInterfacesModule } from './interfaces/index.js';
import { createMacModule } from './mac/index.js';
import { createMacProtocolsModule } from './mac_protocols/index.js';
import { createVlanModule } from './vlan/index.js';
import { createQosModule } from './qos/index.js';
import { createPacketSizeModule } from './packet_size/index.js';
import { createArpModule } from './arp/index.js';
import { createMplsModule } from './mpls/index.js';
import { createPppoeModule } from './pppoe/index.js';
import { createDpiModule } from './dpi/index.js';
import { createLocationModule } from './location/index.js';
import { createDnsModule } from './dns/index.js';
import { createNamesModule } from './names/index.js';
import { createDhcpModule } from './dhcp/index.js';
import { createNetbiosModule } from './netbios/index.js';
import { createSslModule } from './ssl/index.js';
import { createQuicModule } from './quic/index.js';
import { createHttpModule } from './http/index.js';

/** The L2–L4 modules (the store issue's set, timed alone by the benchmark's analyze-l2l4 mode). */
export const L2_L4_MODULES: readonly ModuleFactory[] = [
  createIpModule,
  createConnectionsModule,
  createL4PortsModule,
  createIcmpModule,
  createTcpModule,
  createInterfacesModule,
  createMacModule,
  createMacProtocolsModule,
  createVlanModule,
  createQosModule,
  createPacketSizeModule,
  createArpModule,
  createMplsModule,
  createPppoeModule,
];

/** Application protocols, names and places: DPI, dissectors, the name book, geolocation. */
export const L7_MODULES: readonly ModuleFactory[] = [
  createDpiModule,
  createLocationModule,
  createDnsModule,
  createDhcpModule,
  createNetbiosModule,
  createNamesModule,
  createSslModule,
  createQuicModule,
  createHttpModule,
];

export const MODULES: readonly ModuleFactory[] = [...L2_L4_MODULES, ...L7_MODULES];
