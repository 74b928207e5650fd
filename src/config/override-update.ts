// One POST /kapacitor/v1/config/<section>[/<element>] request: its body decoded and checked
// ({"set", "delete"} or {"add", "remove"}), then turned into the new list of stored overrides
// and the writes that make it durable. Pure; messages and statuses are Kapacitor's.

import { ForbiddenKeyError, parseUserJSON } from '../util/safe-json.js';
import { goTypeName } from './override-values.js';
import { elementKeyOf, OVERRIDABLE_SECTIONS, overrideId, type StoredOverride } from './overrides.js';
import type { Config } from './sections.js';

export class UpdateError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateError';
  }
}

export interface UpdateAction {
  section: string;
  element: string;
  /** The path named an element, possibly empty ("/config/smtp/"). */
  hasElement: boolean;
  set: Record<string, unknown>;
  delete: string[];
  add: Record<string, unknown>;
  remove: string[];
}

export interface UpdatePlan {
  /** Every stored override once the update is made. */
  overrides: StoredOverride[];
  /** The override to store, and the ids to delete. */
  put?: StoredOverride;
  deleteIds: string[];
}

const FIELD_TYPES = { set: 'map[string]interface {}', delete: '[]string', add: 'map[string]interface {}', remove: '[]string' } as const;

/** Decodes the request body as Kapacitor's JSON decoder would. */
export function decodeUpdateAction(section: string, element: string, hasElement: boolean, text: string): UpdateAction {
  let body: unknown;
  try {
    body = parseUserJSON(text);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw new UpdateError(400, `failed to decode JSON:${error.message}`);
    throw new UpdateError(400, `failed to decode JSON:${text.trim() === '' ? 'EOF' : (error as Error).message}`);
  }
  const action: UpdateAction = { section, element, hasElement, set: {}, delete: [], add: {}, remove: [] };
  if (body === null) return action;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new UpdateError(400, `failed to decode JSON:json: cannot unmarshal ${jsonType(body)} into Go value of type config.updateAction`);
  }
  const fields = body as Record<string, unknown>;
  for (const field of ['set', 'delete', 'add', 'remove'] as const) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    const mismatch = () =>
      new UpdateError(
        400,
        `failed to decode JSON:json: cannot unmarshal ${jsonType(value)} into Go struct field updateAction.${field} of type ${FIELD_TYPES[field]}`,
      );
    if (field === 'set' || field === 'add') {
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch();
      action[field] = value as Record<string, unknown>;
    } else {
      if (!Array.isArray(value)) throw mismatch();
      const bad = value.find((item) => typeof item !== 'string');
      if (bad !== undefined) {
        throw new UpdateError(400, `failed to decode JSON:json: cannot unmarshal ${jsonType(bad)} into Go struct field updateAction.${field} of type string`);
      }
      action[field] = value as string[];
    }
  }
  return action;
}

function jsonType(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

const VALID_NAME = /^[-\w+]+$/;

function validate(action: UpdateAction): string | undefined {
  if (action.section === '') return 'must provide section name';
  if (!VALID_NAME.test(action.section)) return `invalid section name ${JSON.stringify(action.section)}`;
  if (action.element !== '' && !VALID_NAME.test(action.element)) return `invalid element name ${JSON.stringify(action.element)}`;
  const setting = Object.keys(action.set).length > 0 || action.delete.length > 0;
  const adding = Object.keys(action.add).length > 0;
  const removing = action.remove.length > 0;
  if (setting && (adding || removing)) return 'cannot provide both set/delete and add/remove actions in the same update';
  if (adding && action.element !== '') return 'must not provide an element name when adding an a new override';
  if (removing && action.element !== '') return 'must not provide element when removing an override';
  if (!adding && !removing && !action.hasElement) return "element not specified, are you missing a trailing '/'?";
  return undefined;
}

function failed(message: string): UpdateError {
  return new UpdateError(400, `failed to apply update: ${message}`);
}

/** The stored overrides after the action; current is the running configuration. */
export function planUpdate(action: UpdateAction, stored: readonly StoredOverride[], current: Partial<Config>): UpdatePlan {
  const problem = validate(action);
  if (problem !== undefined) throw failed(`invalid update action: ${problem}`);
  if (action.remove.length > 0) {
    const deleteIds = action.remove.map((element) => overrideId(action.section, element));
    return { overrides: stored.filter((override) => !deleteIds.includes(override.id)), deleteIds };
  }
  const adding = Object.keys(action.add).length > 0;
  const element = adding ? addedElement(action) : action.element;
  const id = overrideId(action.section, element);
  const existing = stored.find((override) => override.id === id);
  if (adding && existing !== undefined) throw failed(`cannot add new override, override already exists for ${id}`);
  if (adding && hasElement(current, action.section, element)) throw failed(`cannot add new element, element already exists for ${id}`);
  let put: StoredOverride;
  if (adding) {
    put = { id, options: { ...action.add }, create: true };
  } else {
    const options = { ...existing?.options, ...action.set };
    for (const name of action.delete) delete options[name];
    put = { id, options, create: existing?.create ?? false };
  }
  const overrides = existing === undefined ? [...stored, put] : stored.map((override) => (override.id === id ? put : override));
  return { overrides, put, deleteIds: [] };
}

function addedElement(action: UpdateAction): string {
  const section = OVERRIDABLE_SECTIONS.get(action.section);
  if (section === undefined) throw failed(`unknown section ${JSON.stringify(action.section)}`);
  const key = elementKeyOf(section);
  if (key === '') throw failed(`section ${JSON.stringify(action.section)} is not a list, cannot add new element`);
  if (!(key in action.add)) throw failed(`missing key ${JSON.stringify(key)} in "add" map`);
  const name = action.add[key];
  if (typeof name !== 'string') throw failed(`expected ${JSON.stringify(key)} key to be a string, got ${goTypeName(name)}`);
  return name;
}

function hasElement(current: Partial<Config>, sectionName: string, element: string): boolean {
  const section = OVERRIDABLE_SECTIONS.get(sectionName)!;
  const elements = (current as unknown as Record<string, Array<Record<string, unknown>>>)[section.prop] ?? [];
  return elements.some((values) => values[section.def.elementKey!] === element);
}
