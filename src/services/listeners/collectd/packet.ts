// The collectd binary network protocol (version 4+): a datagram is a run of parts, each a
// 2-byte type, a 2-byte length (header included) and a body. String parts (host, plugin, type
// and their instances) and time parts set the state later parts inherit; each values part
// yields one value list. A signature part covers the rest of the datagram and an encrypted
// part holds a packet of its own; both are read with the auth file's passwords
// (packet-crypto.ts), and their contents start from an empty state, as in collectd.
// Security levels: none keeps every value list (a signature it has no auth file to check is
// ignored; an encrypted part it cannot read fails the datagram), sign keeps the signed or
// encrypted ones, encrypt only the encrypted ones; the others are dropped and counted.
// Throws CollectdPacketError for a malformed datagram, CollectdSecurityError for one whose
// signature or encryption cannot be trusted; never reads past the buffer.

import { CollectdSecurityError, decryptPart, verifySignature, type Passwords } from './packet-crypto.js';

export { CollectdSecurityError } from './packet-crypto.js';

export class CollectdPacketError extends Error {}

export interface ValueList {
  host: string;
  plugin: string;
  pluginInstance: string;
  type: string;
  typeInstance: string;
  /** Epoch nanoseconds. */
  time: bigint;
  /** Every kind (counter, gauge, derive, absolute) as a float, as InfluxDB stores them. */
  values: number[];
}

const PART_HOST = 0x0000;
const PART_TIME = 0x0001;
const PART_PLUGIN = 0x0002;
const PART_PLUGIN_INSTANCE = 0x0003;
const PART_TYPE = 0x0004;
const PART_TYPE_INSTANCE = 0x0005;
const PART_VALUES = 0x0006;
const PART_TIME_HR = 0x0008;
const PART_SIGNATURE = 0x0200;
const PART_ENCRYPTION = 0x0210;

export type SecurityLevel = 'none' | 'sign' | 'encrypt';

export const SECURITY_LEVELS: readonly SecurityLevel[] = ['none', 'sign', 'encrypt'];

export interface PacketSecurity {
  level: SecurityLevel;
  /** The auth file's passwords, asked for when a signed or encrypted part arrives; undefined when there are none to read. */
  passwords(): Passwords | undefined;
}

export interface ParsedPacket {
  lists: ValueList[];
  /** Value lists dropped because they were less protected than the security level asks. */
  insecure: number;
}

const UNPROTECTED: PacketSecurity = { level: 'none', passwords: () => undefined };
const RANK: Record<SecurityLevel, number> = { none: 0, sign: 1, encrypt: 2 };

const TYPE_COUNTER = 0;
const TYPE_GAUGE = 1;
const TYPE_DERIVE = 2;
const TYPE_ABSOLUTE = 3;

export function parsePacket(buffer: Buffer, security: PacketSecurity = UNPROTECTED): ParsedPacket {
  const parsed: ParsedPacket = { lists: [], insecure: 0 };
  readParts(buffer, 'none', security, parsed);
  return parsed;
}

/** Reads the parts of one (outer, signed or decrypted) packet protected at `protection`. */
function readParts(buffer: Buffer, protection: SecurityLevel, security: PacketSecurity, parsed: ParsedPacket): void {
  const state = { host: '', plugin: '', pluginInstance: '', type: '', typeInstance: '', time: 0n };
  let offset = 0;
  while (offset < buffer.length) {
    if (buffer.length - offset < 4) throw new CollectdPacketError('truncated part header');
    const type = buffer.readUInt16BE(offset);
    const length = buffer.readUInt16BE(offset + 2);
    if (length < 4 || offset + length > buffer.length) throw new CollectdPacketError(`part of type ${type} has invalid length ${length}`);
    const body = buffer.subarray(offset + 4, offset + length);
    offset += length;
    switch (type) {
      case PART_HOST:
        state.host = readString(body);
        break;
      case PART_PLUGIN:
        state.plugin = readString(body);
        break;
      case PART_PLUGIN_INSTANCE:
        state.pluginInstance = readString(body);
        break;
      case PART_TYPE:
        state.type = readString(body);
        break;
      case PART_TYPE_INSTANCE:
        state.typeInstance = readString(body);
        break;
      case PART_TIME:
        state.time = readUInt64(body) * 1_000_000_000n;
        break;
      case PART_TIME_HR:
        state.time = hrToNanos(readUInt64(body));
        break;
      case PART_VALUES: {
        const values = readValues(body);
        if (RANK[protection] >= RANK[security.level]) parsed.lists.push({ ...state, values });
        else parsed.insecure++;
        break;
      }
      case PART_SIGNATURE: {
        const passwords = security.passwords();
        if (passwords === undefined) {
          if (security.level === 'none') break; // nothing to check it with: read on, unsigned
          throw new CollectdSecurityError('signed packet, but the auth file cannot be read');
        }
        const signed = buffer.subarray(offset);
        verifySignature(body, signed, passwords);
        readParts(signed, protection === 'encrypt' ? 'encrypt' : 'sign', security, parsed);
        return;
      }
      case PART_ENCRYPTION: {
        const passwords = security.passwords();
        if (passwords === undefined) throw new CollectdSecurityError('encrypted packet, but no auth file to decrypt it with');
        readParts(decryptPart(body, passwords), 'encrypt', security, parsed);
        break;
      }
      default:
        break; // intervals, notifications: nothing to store
    }
  }
}

/** collectd's high-resolution time (2^-30 s units) → ns, rounded to the microsecond. */
export function hrToNanos(hr: bigint): bigint {
  const seconds = hr >> 30n;
  const fraction = ((hr & 0x3fffffffn) * 1_000_000_000n) >> 30n;
  const micros = (fraction + 500n) / 1000n;
  return seconds * 1_000_000_000n + micros * 1000n;
}

function readString(body: Buffer): string {
  const end = body.indexOf(0);
  return body.toString('utf8', 0, end === -1 ? body.length : end);
}

function readUInt64(body: Buffer): bigint {
  if (body.length !== 8) throw new CollectdPacketError('time part must be 8 bytes');
  return body.readBigUInt64BE(0);
}

function readValues(body: Buffer): number[] {
  if (body.length < 2) throw new CollectdPacketError('truncated values part');
  const count = body.readUInt16BE(0);
  if (body.length !== 2 + count * 9) throw new CollectdPacketError(`values part of ${count} values has ${body.length} bytes`);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = 2 + count + i * 8;
    switch (body[2 + i]) {
      case TYPE_GAUGE:
        values.push(body.readDoubleLE(at));
        break;
      case TYPE_DERIVE:
        values.push(Number(body.readBigInt64BE(at)));
        break;
      case TYPE_COUNTER:
      case TYPE_ABSOLUTE:
        values.push(Number(body.readBigUInt64BE(at)));
        break;
      default:
        throw new CollectdPacketError(`unknown value type ${body[2 + i]}`);
    }
  }
  return values;
}
