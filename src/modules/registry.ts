/**
 * @module modules/registry
 * Every measurement module, one line each. Adding a module means adding its folder and its line.
 */
import type { ModuleFactory } from './module.js';
import { createIpModule } from './ip/index.js';
import { createConnectionsModule } from './connections/index.js';
import { createL4PortsModule } from './l4_ports/index.js';
import { createIcmpModule } from './icmp/index.js';

export const MODULES: readonly ModuleFactory[] = [
  createIpModule,
  createConnectionsModule,
  createL4PortsModule,
  createIcmpModule,
];
