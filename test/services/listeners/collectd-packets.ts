// Builds collectd network-protocol datagrams for the collectd tests: parts, values, and the
// signed (HMAC-SHA-256) and encrypted (AES-256-OFB) forms, written here from the protocol's
// description so the listener is checked against an independent encoder.

import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export function part(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(body.length + 4, 2);
  return Buffer.concat([header, body]);
}

export const str = (type: number, text: string): Buffer => part(type, Buffer.from(`${text}\0`));

export function u64(type: number, value: bigint): Buffer {
  const body = Buffer.alloc(8);
  body.writeBigUInt64BE(value);
  return part(type, body);
}

export function values(...entries: Array<['gauge', number] | ['derive' | 'counter' | 'absolute', bigint]>): Buffer {
  const body = Buffer.alloc(2 + entries.length * 9);
  body.writeUInt16BE(entries.length, 0);
  entries.forEach(([kind, value], i) => {
    const at = 2 + entries.length + i * 8;
    body[2 + i] = { counter: 0, gauge: 1, derive: 2, absolute: 3 }[kind];
    if (kind === 'gauge') body.writeDoubleLE(value, at);
    else if (kind === 'derive') body.writeBigInt64BE(value, at);
    else body.writeBigUInt64BE(value, at);
  });
  return part(6, body);
}

/** One gauge value list: host h1, the given plugin (type "gauge"), at `seconds`. */
export function gaugePacket(plugin: string, value: number, seconds = 1_500_000_000n): Buffer {
  return Buffer.concat([str(0, 'h1'), u64(1, seconds), str(2, plugin), str(4, 'gauge'), values(['gauge', value])]);
}

/** A signature part (0x0200) for user over the packet, followed by the packet. */
export function signed(packet: Buffer, user: string, password: string): Buffer {
  const userBytes = Buffer.from(user);
  const mac = createHmac('sha256', password).update(userBytes).update(packet).digest();
  return Buffer.concat([part(0x0200, Buffer.concat([mac, userBytes])), packet]);
}

/** The packet inside an encrypted part (0x0210) for user. */
export function encrypted(packet: Buffer, user: string, password: string): Buffer {
  const userBytes = Buffer.from(user);
  const userLength = Buffer.alloc(2);
  userLength.writeUInt16BE(userBytes.length);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-ofb', createHash('sha256').update(password).digest(), iv);
  const sealed = Buffer.concat([cipher.update(createHash('sha1').update(packet).digest()), cipher.update(packet), cipher.final()]);
  return part(0x0210, Buffer.concat([userLength, userBytes, iv, sealed]));
}
