// The UDF stream framing: every protobuf message is preceded by its length as a uvarint, with
// no footer. frameMessage adds the prefix; FrameReader cuts an incoming byte stream (chunks of
// any size) back into messages.

import { WireWriter } from './wire.js';

export function frameMessage(message: Uint8Array): Buffer {
  const prefix = new WireWriter().uvarint(message.length).finish();
  return Buffer.concat([prefix, message]);
}

/** Largest message accepted from an agent (a corrupt length must not allocate gigabytes). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds a chunk and returns every message it completes. Throws on a corrupt length. */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      const header = readLength(this.pending);
      if (header === undefined) break;
      const [length, used] = header;
      if (length > MAX_MESSAGE_BYTES) throw new Error(`message too large: ${length} bytes`);
      if (this.pending.length < used + length) break;
      out.push(this.pending.subarray(used, used + length));
      this.pending = this.pending.subarray(used + length);
    }
    return out;
  }
}

/** [length, prefix bytes] when the buffer holds a whole varint prefix. */
function readLength(buf: Buffer): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < buf.length && i < 10; i++) {
    const byte = buf[i]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, i + 1];
    scale *= 128;
  }
  if (buf.length >= 10) throw new Error('corrupt message length');
  return undefined;
}
