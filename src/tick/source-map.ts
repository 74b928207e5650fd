// Positions in a script as Kapacitor reports them: UTF-8 byte offset, 1-based line and a
// 1-based column counted in bytes from the start of the line. Converts string indices.

import type { Position } from './ast.js';

export class SourceMap {
  /** Byte offset of each string index (only when the script is not pure ASCII). */
  private readonly bytes: Int32Array | undefined;
  /** Byte offsets of every '\n'. */
  private readonly newlines: number[] = [];

  constructor(text: string) {
    // eslint-disable-next-line no-control-regex
    const ascii = /^[\x00-\x7f]*$/.test(text);
    if (!ascii) {
      this.bytes = new Int32Array(text.length + 1);
      let offset = 0;
      for (let i = 0; i < text.length; i++) {
        this.bytes[i] = offset;
        const code = text.charCodeAt(i);
        if (code < 0x80) offset += 1;
        else if (code < 0x800) offset += 2;
        else if (code >= 0xd800 && code <= 0xdbff)
          offset += 4; // the pair's 4 bytes; its low half adds none
        else if (code >= 0xdc00 && code <= 0xdfff) continue;
        else offset += 3;
      }
      this.bytes[text.length] = offset;
    }
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.newlines.push(this.byteOffset(i));
    }
  }

  byteOffset(index: number): number {
    return this.bytes === undefined ? index : this.bytes[Math.min(index, this.bytes.length - 1)]!;
  }

  position(index: number): Position {
    const pos = this.byteOffset(index);
    // Number of newlines strictly before pos.
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    const lastNewline = lo === 0 ? -1 : this.newlines[lo - 1]!;
    return { pos, line: lo + 1, char: pos - lastNewline };
  }
}
