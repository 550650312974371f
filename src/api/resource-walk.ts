/**
 * @module api/resource-walk
 * Find the resource a path names in a module's tree: each segment is a named child, or else the
 * value of the node's parameter child (`:ip`), resolved by the module. A value the module refuses
 * is 400 (naming the parameter), an unknown one 404 with the module's reason.
 */
import type { Resource } from '../modules/resource.js';
import { ApiError, notFound } from './api-error.js';

export function walkResource(root: Resource, segments: readonly string[], pathSoFar: string): Resource {
  let node = root;
  let path = pathSoFar;
  for (const segment of segments) {
    if (node.kind === 'param') throw notFound(`no resource ${path}/${segment}`);
    const children = node.children ?? [];
    const named = children.find((c) => c.kind !== 'param' && c.name === segment);
    if (named) {
      node = named;
    } else {
      const param = children.find((c): c is Extract<Resource, { kind: 'param' }> => c.kind === 'param');
      if (!param) {
        throw notFound(`no resource '${segment.slice(0, 100)}' under ${path} (try OPTIONS ${path})`);
      }
      const resolved = param.resolve(segment);
      if ('badRequest' in resolved) throw new ApiError(400, resolved.badRequest, param.param);
      if ('notFound' in resolved) throw notFound(resolved.notFound);
      node = resolved;
    }
    path = `${path}/${segment}`;
  }
  return node;
}
