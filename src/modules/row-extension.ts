/**
 * @module modules/row-extension
 * Columns and JSON fields that one module adds to the rows of another module's lists (the TCP
 * module's figures on every connection, names and countries on every IP). The owner of the list
 * reads its extensions when it answers, since modules register theirs after it exists.
 */
import type { EntityColumn } from './entity-list.js';
import type { JsonObject, JsonSchema } from './resource.js';

export interface RowExtension {
  readonly columns: readonly EntityColumn[];
  json(e: number): JsonObject;
  /** Schemas of the fields `json` adds; without it rows are documented as open. */
  readonly schema?: Readonly<Record<string, JsonSchema>>;
  /** Fields of `schema` that `json` may leave out. */
  readonly optionalFields?: readonly string[];
  /** Text a plain-string table filter also searches (names of an address …). */
  searchText?(e: number): string;
}

/** The fields, optional fields and openness of base fields plus every extension's. */
export function extendedFields(base: Readonly<Record<string, JsonSchema>>, extensions: readonly RowExtension[]):
  { props: Record<string, JsonSchema>; optional: string[]; open: boolean } {
  const props: Record<string, JsonSchema> = { ...base };
  const optional: string[] = [];
  for (const x of extensions) {
    Object.assign(props, x.schema ?? {});
    optional.push(...(x.optionalFields ?? []));
  }
  return { props, optional, open: extensions.some((x) => x.schema === undefined) };
}

/** Base JSON with every extension's fields added. */
export function withExtensions(out: JsonObject, extensions: readonly RowExtension[], e: number): JsonObject {
  for (const x of extensions) Object.assign(out, x.json(e));
  return out;
}

/** Base search text followed by every extension's. */
export function extendedSearchText(base: string, extensions: readonly RowExtension[], e: number): string {
  let text = base;
  for (const x of extensions) if (x.searchText !== undefined) text += ` ${x.searchText(e)}`;
  return text;
}
