// The authentication set-up the auth tests share: a configuration with [http] auth-enabled,
// the auth service on (cheap bcrypt) and a bootstrap admin `root`/`rootpw`, Basic credentials,
// and users made through the users API. Fixtures only; assertions stay in the tests.

import assert from 'node:assert/strict';
import { request } from './test-server.js';

/** The bootstrap admin of AUTH_CONFIG. */
export const ROOT_NAME = 'root';
export const ROOT_PASSWORD = 'rootpw';

/** The configuration text with auth on; `sharedSecret` adds [http] shared-secret (JWT tokens). */
export function authConfigText(sharedSecret?: string): string {
  return `
[http]
  auth-enabled = true
${sharedSecret === undefined ? '' : `  shared-secret = "${sharedSecret}"\n`}[auth]
  enabled = true
  bcrypt-cost = 4
  bootstrap-username = "${ROOT_NAME}"
  bootstrap-password = "${ROOT_PASSWORD}"
[[influxdb]]
  enabled = false
`;
}

/** A Basic Authorization header. */
export const basic = (user: string, password: string): { Authorization: string } => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

export const ROOT = basic(ROOT_NAME, ROOT_PASSWORD);

/** Creates normal users (password `<name>pw`) with these permissions, as the admin. */
export async function createUsers(url: string, users: ReadonlyArray<readonly [string, readonly string[]]>): Promise<void> {
  for (const [name, permissions] of users) {
    const created = await request(url, 'POST', '/kapacitor/v1/users', { headers: ROOT, json: { name, password: `${name}pw`, type: 'normal', permissions } });
    assert.equal(created.status, 200, created.text);
  }
}
