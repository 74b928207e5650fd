// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over plain JSON values, for
// PATCH /alerts/topics/ID/handlers/ID. Returns a new document; the input is not modified.

import { FORBIDDEN_KEYS } from '../util/safe-json.js';

export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

type Json = unknown;

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  const parts = pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const forbidden = parts.find((part) => FORBIDDEN_KEYS.has(part));
  if (forbidden !== undefined) throw new JsonPatchError(`invalid JSON pointer ${JSON.stringify(pointer)}: key ${JSON.stringify(forbidden)} is not allowed`);
  return parts;
}

function getAt(doc: Json, path: string[]): Json {
  let current = doc;
  for (const part of path) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (current !== null && typeof current === 'object') current = (current as Record<string, Json>)[part];
    else return undefined;
  }
  return current;
}

function parentOf(doc: Json, path: string[]): { parent: Record<string, Json> | Json[]; key: string } {
  if (path.length === 0) throw new JsonPatchError('cannot modify the document root');
  const parent = getAt(doc, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') throw new JsonPatchError(`path /${path.join('/')} does not exist`);
  return { parent: parent as Record<string, Json> | Json[], key: path[path.length - 1]! };
}

function add(doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new JsonPatchError(`invalid array index ${key}`);
    parent.splice(index, 0, value);
  } else parent[key] = value;
  return doc;
}

function remove(doc: Json, path: string[]): Json {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw new JsonPatchError(`invalid array index ${key}`);
    parent.splice(index, 1);
  } else {
    if (!(key in parent)) throw new JsonPatchError(`path /${path.join('/')} does not exist`);
    delete parent[key];
  }
  return doc;
}

export function applyJsonPatch(document: Json, patch: unknown): Json {
  if (!Array.isArray(patch)) throw new JsonPatchError('patch must be a JSON array of operations');
  let doc = structuredClone(document);
  for (const operation of patch) {
    if (operation === null || typeof operation !== 'object') throw new JsonPatchError('invalid patch operation');
    const op = operation as Record<string, unknown>;
    const path = parsePointer(String(op['path'] ?? ''));
    switch (op['op']) {
      case 'add':
        doc = add(doc, path, structuredClone(op['value']));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        if (path.length > 0) remove(doc, path);
        doc = add(doc, path, structuredClone(op['value']));
        break;
      case 'move': {
        const from = parsePointer(String(op['from'] ?? ''));
        const value = getAt(doc, from);
        doc = add(remove(doc, from), path, value);
        break;
      }
      case 'copy': {
        const from = parsePointer(String(op['from'] ?? ''));
        doc = add(doc, path, structuredClone(getAt(doc, from)));
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op['value'])) throw new JsonPatchError(`test failed at ${String(op['path'])}`);
        break;
      default:
        throw new JsonPatchError(`unknown patch operation ${JSON.stringify(op['op'])}`);
    }
  }
  return doc;
}
