// Kapacitor's authorization model: privileges as a bitmask per resource path, the user-facing
// permissions (none, api, config_api, write_points, all) mapped onto resources, and the check
// that walks a resource up to its parents. Pure functions: never touches the store or HTTP.

import { posix } from 'node:path';

export const Privilege = {
  none: 1,
  read: 2,
  write: 4,
  delete: 8,
  all: 16,
} as const;

export type PrivilegeName = keyof typeof Privilege;

export const PERMISSIONS = ['none', 'api', 'config_api', 'write_points', 'all'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Resource path → privilege bitmask. */
export type Privileges = Record<string, number>;

const API_ROOT = '/api';
const ROOT_RESOURCE = API_ROOT;
const WRITE_RESOURCE = `${API_ROOT}/write`;
const PING_RESOURCE = `${API_ROOT}/ping`;
const CONFIG_RESOURCE = `${API_ROOT}/config`;

/** The resource of an API path: /api + the path without /kapacitor/v1 (Kapacitor's APIResource). */
export function apiResource(path: string): string {
  const trimmed = path.startsWith('/kapacitor/v1') ? path.slice('/kapacitor/v1'.length) : path;
  return posix.join(API_ROOT, trimmed);
}

/** The privilege an HTTP method needs; undefined for methods Kapacitor does not know. */
export function privilegeForMethod(method: string): number | undefined {
  switch (method.toUpperCase()) {
    case 'HEAD':
    case 'OPTIONS':
      return Privilege.none;
    case 'GET':
      return Privilege.read;
    case 'POST':
    case 'PATCH':
    case 'PUT':
      return Privilege.write;
    case 'DELETE':
      return Privilege.delete;
    default:
      return undefined;
  }
}

export function privilegeName(privilege: number): string {
  for (const [name, bit] of Object.entries(Privilege)) if (bit === privilege) return name;
  return 'unknown';
}

/** Permissions as the users API takes them → resources and privileges. */
export function privilegesFromPermissions(permissions: readonly string[]): Privileges {
  const privileges: Privileges = Object.create(null) as Privileges;
  for (const permission of permissions) {
    switch (permission) {
      case 'none':
        break;
      case 'api':
        privileges[ROOT_RESOURCE] = Privilege.all;
        privileges[WRITE_RESOURCE] ??= Privilege.none;
        privileges[CONFIG_RESOURCE] ??= Privilege.none;
        break;
      case 'config_api':
        privileges[PING_RESOURCE] = Privilege.all;
        privileges[CONFIG_RESOURCE] = Privilege.all;
        break;
      case 'write_points':
        privileges[PING_RESOURCE] = Privilege.all;
        privileges[WRITE_RESOURCE] = Privilege.all;
        break;
      case 'all':
        privileges[ROOT_RESOURCE] = Privilege.all;
        privileges[CONFIG_RESOURCE] = Privilege.all;
        privileges[WRITE_RESOURCE] = Privilege.all;
        break;
      default:
        throw new Error(`unknown Permission  ${permission}`);
    }
  }
  return { ...privileges };
}

/** Resources and privileges → the permissions the users API shows. */
export function permissionsFromPrivileges(privileges: Privileges): Permission[] {
  const has = (resource: string) => privileges[resource] === Privilege.all;
  const api = has(ROOT_RESOURCE);
  const config = has(CONFIG_RESOURCE);
  const write = has(WRITE_RESOURCE);
  if (api && config && write) return ['all'];
  const permissions: Permission[] = [];
  if (api) permissions.push('api');
  if (config) permissions.push('config_api');
  if (write) permissions.push('write_points');
  return permissions;
}

export interface AuthUser {
  readonly name: string;
  readonly admin: boolean;
  readonly privileges: Privileges;
}

/** A user holding every privilege: what every request runs as when authentication is off. */
export const ADMIN_USER: AuthUser = Object.freeze({ name: 'ADMIN_USER', admin: true, privileges: Object.freeze({}) });

/**
 * Whether user may take privilege on resource: admins may do anything; otherwise the closest
 * resource (the path or one of its parents) the user holds privileges on decides.
 */
export function isAuthorized(user: AuthUser, resource: string, privilege: number): boolean {
  if (privilege === Privilege.none || user.admin) return true;
  if (!resource.startsWith('/')) return false;
  let current = posix.normalize(resource);
  if (current.length > 1 && current.endsWith('/')) current = current.slice(0, -1);
  for (;;) {
    const held = Object.hasOwn(user.privileges, current) ? user.privileges[current] : undefined;
    if (held !== undefined) return (held & privilege) !== 0 || held === Privilege.all;
    if (current === '/') return false;
    current = posix.dirname(current);
  }
}
