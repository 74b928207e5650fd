// Capabilities that reach outside the server — running programs (exec handler) and writing
// files at chosen paths (log handler) — are for admins only. Finds them in TICKscripts and
// topic-handler definitions; knows nothing of HTTP or users.

import type { Node } from '../../tick/ast.js';
import { parse } from '../../tick/parser.js';

/** Alert handler kinds only an admin may configure. */
export const ADMIN_HANDLER_KINDS: ReadonlySet<string> = new Set(['exec', 'log']);

/** The admin-only handler kinds a script's alert nodes use (none when it does not parse). */
export function adminHandlersInScript(script: string): string[] {
  let program: Node;
  try {
    program = parse(script);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.kind === 'function' && record.type === 'property' && ADMIN_HANDLER_KINDS.has(record.func as string)) {
      found.add(record.func as string);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'position') visit(value);
  };
  visit(program);
  return [...found].sort();
}

/** The admin-only handler kinds a topic-handler body (definition or JSON Patch) names. */
export function adminHandlersInDefinition(body: unknown): string[] {
  const found = new Set<string>();
  const note = (kind: unknown) => {
    if (typeof kind === 'string' && ADMIN_HANDLER_KINDS.has(kind)) found.add(kind);
  };
  if (Array.isArray(body)) {
    for (const op of body) if (op !== null && typeof op === 'object' && (op as { path?: unknown }).path === '/kind') note((op as { value?: unknown }).value);
  } else if (body !== null && typeof body === 'object') {
    note((body as { kind?: unknown }).kind);
  }
  return [...found].sort();
}
