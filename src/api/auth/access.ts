/**
 * @module api/auth/access
 * The access level every route declares (`config: { access }`) and what each principal may do.
 * A route without a declared level cannot be registered (see server.ts's onRoute check), so no
 * route is ever left open by omission. Only login is 'public'.
 */
// Brings @fastify/swagger's schema fields (summary, tags) into FastifySchema.
import type {} from '@fastify/swagger';
import type { Role } from './user-db.js';
import type { Session } from './sessions.js';

/** public: no credentials (login only); user: read statistics; pcap: packets; admin: everything. */
export type Access = 'public' | 'user' | 'pcap' | 'admin';
export const ACCESS_LEVELS: readonly Access[] = ['public', 'user', 'pcap', 'admin'];

export interface Principal {
  readonly name: string;
  readonly role: Role;
  readonly pcap: boolean;
  /** Set when authenticated by the session cookie (not Basic). */
  readonly session: Session | undefined;
}

export function mayAccess(principal: Principal, access: Access): boolean {
  switch (access) {
    case 'public':
    case 'user':
      return true;
    case 'pcap':
      return principal.role === 'admin' || principal.pcap;
    case 'admin':
      return principal.role === 'admin';
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The route reads its body as a stream for as long as it takes (uploads): no whole-request time limit. */
    streamingBody?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
