// The one authentication and authorization check for an HTTP request, independent of the HTTP
// library: credentials from a Bearer JWT (HMAC, [http] shared-secret, `username` and `exp`
// claims), Basic auth or the u/p query parameters; then the method's privilege on the resource
// /api + path, as Kapacitor checks it. Answers Kapacitor's 401/403 texts; never throws.
//
// Reuse from any listener (e.g. a second HTTP API on another port): call
//   const result = await checkRequest(authService, { method, path, authorization, query });
// before routing, answer `result.status` with {"error": result.error} when `result.ok` is
// false, and keep `result.user` for per-route decisions (isAdmin(result.user)). With Fastify,
// `installAuthHook(app, authService)` from src/http/auth-hook.ts does exactly that for every
// route, including routes added later.

import type { AuthService } from './auth-service.js';
import { SUBSCRIPTION_USER } from './subscription-tokens.js';
import { ADMIN_USER, apiResource, isAuthorized, privilegeForMethod, privilegeName, type AuthUser } from './privileges.js';

export interface RequestFacts {
  method: string;
  /** The decoded URL path, without the query string. */
  path: string;
  /** The Authorization header, if any. */
  authorization?: string;
  /** The `u` and `p` query parameters, if any; `db` and `rp` (checked for subscription writes). */
  query?: { u?: string; p?: string; db?: string; rp?: string };
}

export type CheckResult = { ok: true; user: AuthUser } | { ok: false; status: 401 | 403; error: string };

/** Paths answered without credentials (Kapacitor's health check). */
const OPEN_PATHS = new Set(['/kapacitor/v1/ping', '/kapacitor/v1preview/ping']);

export async function checkRequest(auth: AuthService | undefined, facts: RequestFacts): Promise<CheckResult> {
  if (auth === undefined || !auth.settings.required) return { ok: true, user: ADMIN_USER };
  if (OPEN_PATHS.has(facts.path) && (facts.method === 'GET' || facts.method === 'HEAD')) return { ok: true, user: ADMIN_USER };
  const subscriber = subscriptionCredentials(facts);
  if (subscriber !== undefined) return subscriptionWrite(auth, subscriber, facts);
  const authenticated = await authenticate(auth, facts);
  if (!authenticated.ok) return authenticated;
  return authorize(authenticated.user, facts.method, facts.path);
}

/** The token when the request authenticates as the subscription user (Basic or u/p). */
function subscriptionCredentials(facts: RequestFacts): string | undefined {
  const basic = parseBasic(facts.authorization ?? '');
  if (basic !== undefined) return basic.username === SUBSCRIPTION_USER ? basic.password : undefined;
  if ((facts.authorization ?? '') === '' && facts.query?.u === SUBSCRIPTION_USER) return facts.query.p ?? '';
  return undefined;
}

/**
 * A subscription token may only write (POST .../write) to the database and retention policy
 * it was granted for; anything else is refused as for any user without the privilege.
 */
function subscriptionWrite(auth: AuthService, token: string, facts: RequestFacts): CheckResult {
  const grant = token === '' ? undefined : auth.subscriptionTokens?.lookup(token);
  if (grant === undefined) return unauthorized('authorization failed');
  const user: AuthUser = { name: SUBSCRIPTION_USER, admin: false, privileges: {} };
  const isWrite = facts.method.toUpperCase() === 'POST' && (facts.path === '/write' || facts.path.endsWith('/write'));
  if (!isWrite) return forbidden(user, privilegeForMethod(facts.method) ?? 0, facts.path);
  const db = facts.query?.db ?? '';
  const rp = facts.query?.rp ?? '';
  if (db !== grant.db || rp !== grant.rp) {
    return { ok: false, status: 403, error: `subscription token does not grant writes to ${JSON.stringify(db)}.${JSON.stringify(rp)}` };
  }
  return { ok: true, user };
}

/** Whether user may take method on path (403 text when not). */
export function authorize(user: AuthUser, method: string, path: string): CheckResult {
  const privilege = privilegeForMethod(method);
  if (privilege === undefined) return { ok: false, status: 403, error: `unknown method ${JSON.stringify(method.toUpperCase())}` };
  if (isAuthorized(user, apiResource(path), privilege)) return { ok: true, user };
  return forbidden(user, privilege, path);
}

export function forbidden(user: AuthUser, privilege: number, path: string): CheckResult {
  return { ok: false, status: 403, error: `user ${user.name} does not have "${privilegeName(privilege)}" privilege for API endpoint ${JSON.stringify(path)}` };
}

async function authenticate(auth: AuthService, facts: RequestFacts): Promise<CheckResult> {
  const header = facts.authorization ?? '';
  if (header !== '') {
    const space = header.indexOf(' ');
    if (space !== -1 && header.slice(0, space) === 'Bearer') return bearer(auth, header.slice(space + 1));
    const basic = parseBasic(header);
    if (basic !== undefined) return password(auth, basic.username, basic.password);
  }
  const { u, p } = facts.query ?? {};
  if (u !== undefined && u !== '' && p !== undefined && p !== '') return password(auth, u, p);
  return unauthorized('unable to parse authentication credentials');
}

async function password(auth: AuthService, username: string, secret: string): Promise<CheckResult> {
  if (username === '') return unauthorized('username required');
  const user = await auth.authenticate(username, secret);
  return user === undefined ? unauthorized('authorization failed') : { ok: true, user };
}

async function bearer(auth: AuthService, token: string): Promise<CheckResult> {
  if (auth.settings.sharedSecret === '') return unauthorized('invalid token: no shared secret is configured');
  let claims: Record<string, unknown>;
  // The JWT library is read when the first token arrives (most servers never see one).
  const jose = await import('jose');
  try {
    const verified = await jose.jwtVerify(token, new TextEncoder().encode(auth.settings.sharedSecret), { algorithms: ['HS256', 'HS384', 'HS512'] });
    claims = verified.payload;
  } catch (error) {
    return unauthorized(`invalid token: ${tokenProblem(token, error, jose.errors)}`);
  }
  if (typeof claims.exp !== 'number' || claims.exp <= 0) return unauthorized('token expiration required');
  if (typeof claims.username !== 'string') return unauthorized('username in token must be a string');
  if (claims.username === '') return unauthorized('token must contain a username');
  const user = auth.user(claims.username);
  if (user === undefined) return unauthorized(`retrieving user ${JSON.stringify(claims.username)} from store: no user exists`);
  return { ok: true, user };
}

/** The reason a token was refused, in the words of Go's jwt package where it has them. */
function tokenProblem(token: string, error: unknown, joseErrors: typeof import('jose').errors): string {
  if (token.split('.').length !== 3) return 'token contains an invalid number of segments';
  if (error instanceof joseErrors.JWTExpired) return 'Token is expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature is invalid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { alg?: unknown };
      return `unexpected signing method: ${String(header.alg)}`;
    } catch {
      return 'unexpected signing method';
    }
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') return 'Token is not valid yet';
  return error instanceof Error ? error.message : String(error);
}

function parseBasic(header: string): { username: string; password: string } | undefined {
  const space = header.indexOf(' ');
  if (space === -1 || header.slice(0, space).toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(header.slice(space + 1).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function unauthorized(error: string): CheckResult {
  return { ok: false, status: 401, error };
}

export function isAdmin(user: AuthUser): boolean {
  return user.admin;
}
