// The two protected parts of collectd's network protocol, read with a user → password table.
// Signed (0x0200): an HMAC-SHA-256 (key: the password) over the user name and every byte that
// follows the part, then the user name. Encrypted (0x0210): a 2-byte user-name length, the user
// name, a 16-byte IV, then AES-256-OFB (key: SHA-256 of the password) over a SHA-1 of the
// plaintext followed by the plaintext, which is a packet of its own.
// Throws CollectdSecurityError when a part cannot be trusted; never logs or counts.

import { createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';

export class CollectdSecurityError extends Error {}

/** Users' passwords, as the auth file gives them. */
export type Passwords = ReadonlyMap<string, string>;

const HMAC_BYTES = 32;
const IV_BYTES = 16;
const SHA1_BYTES = 20;

/** Checks a signature part's body against the bytes it signs; answers the signing user. */
export function verifySignature(body: Buffer, signed: Buffer, passwords: Passwords): string {
  if (body.length <= HMAC_BYTES) throw new CollectdSecurityError(`signature part too small (${body.length} bytes)`);
  const userBytes = body.subarray(HMAC_BYTES);
  const user = userBytes.toString('utf8');
  const password = passwordOf(user, passwords);
  const expected = createHmac('sha256', password).update(userBytes).update(signed).digest();
  if (!timingSafeEqual(expected, body.subarray(0, HMAC_BYTES)))
    throw new CollectdSecurityError(`signature of user ${JSON.stringify(user)} failed verification`);
  return user;
}

/** Decrypts an encrypted part's body; answers the inner packet. */
export function decryptPart(body: Buffer, passwords: Passwords): Buffer {
  if (body.length < 2) throw new CollectdSecurityError('truncated encrypted part');
  const userLength = body.readUInt16BE(0);
  if (2 + userLength + IV_BYTES + SHA1_BYTES > body.length) throw new CollectdSecurityError(`invalid user name length ${userLength} in encrypted part`);
  const user = body.toString('utf8', 2, 2 + userLength);
  const password = passwordOf(user, passwords);
  const iv = body.subarray(2 + userLength, 2 + userLength + IV_BYTES);
  const key = createHash('sha256').update(password).digest();
  const decipher = createDecipheriv('aes-256-ofb', key, iv);
  const clear = Buffer.concat([decipher.update(body.subarray(2 + userLength + IV_BYTES)), decipher.final()]);
  const plaintext = clear.subarray(SHA1_BYTES);
  const checksum = createHash('sha1').update(plaintext).digest();
  if (!checksum.equals(clear.subarray(0, SHA1_BYTES)))
    throw new CollectdSecurityError(`encrypted part of user ${JSON.stringify(user)} failed its checksum (wrong password?)`);
  return plaintext;
}

function passwordOf(user: string, passwords: Passwords): string {
  const password = passwords.get(user);
  if (password === undefined) throw new CollectdSecurityError(`no such user: ${JSON.stringify(user)}`);
  return password;
}
