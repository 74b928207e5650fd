// A hash table keyed by byte ranges of a buffer: the parser's series cache, looked up with the
// raw bytes of a line's measurement and tags, so no string is cut or hashed per line. Keys are
// copied into one growing arena; slots are flat typed arrays, probed by triangular steps (no
// primary clustering). The hash is murmur3 with a per-process random seed, and probing stops
// after MAX_PROBES slots: a key that cannot be placed within them (after at most growing the
// table to SPARSEST times its keys) is simply not stored, so colliding input costs a bounded
// amount per line and never grows a chain. Must never hold a reference to a caller's buffer.

import { randomBytes } from 'node:crypto';

/** Slots probed per lookup or insert before giving up. */
const MAX_PROBES = 64;
/** A key that finds no free slot grows the table only while it has fewer than this many slots per key. */
const SPARSEST = 16;
const INITIAL_SLOTS = 1024;

const SEED = randomBytes(4).readInt32LE(0);

/** murmur3 (32-bit) of bytes [start, end), read four at a time through `view`. */
export function hashBytes(view: DataView, bytes: Uint8Array, start: number, end: number): number {
  let h = SEED;
  let i = start;
  const whole = end - 3;
  while (i < whole) {
    let k = view.getInt32(i, true);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    i += 4;
  }
  let k = 0;
  for (let shift = 0; i < end; i++, shift += 8) k |= bytes[i]! << shift;
  if (k !== 0) {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class ByteKeyTable<V> {
  private hashes = new Int32Array(INITIAL_SLOTS);
  /** Where each slot's key starts in the arena, plus one (0: empty slot). */
  private offsets = new Int32Array(INITIAL_SLOTS);
  private lengths = new Int32Array(INITIAL_SLOTS);
  private values: Array<V | undefined> = new Array<V | undefined>(INITIAL_SLOTS).fill(undefined);
  private mask = INITIAL_SLOTS - 1;
  private arena = new Uint8Array(16 * 1024);
  private arenaView = new DataView(this.arena.buffer);
  private used = 0;
  size = 0;

  /** Bytes of keys held. */
  get keyBytes(): number {
    return this.used;
  }

  /** The value stored for bytes [start, end) of `bytes` (`view` over the same memory), whose hash is `hash`. */
  get(view: DataView, bytes: Uint8Array, start: number, end: number, hash: number): V | undefined {
    const length = end - start;
    const hashes = this.hashes;
    const offsets = this.offsets;
    let slot = hash & this.mask;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const offset = offsets[slot]!;
      if (offset === 0) return undefined;
      if (hashes[slot] === hash && this.lengths[slot] === length && this.equal(offset - 1, view, bytes, start, length)) return this.values[slot];
      slot = (slot + probe + 1) & this.mask;
    }
    return undefined;
  }

  /** Stores a value for a key not in the table; false (nothing stored) when no free slot is near its hash. */
  set(bytes: Uint8Array, start: number, end: number, hash: number, value: V): boolean {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    let slot = this.freeSlot(hash);
    if (slot === -1 && this.hashes.length < SPARSEST * (this.size + 1)) {
      this.grow();
      slot = this.freeSlot(hash);
    }
    if (slot === -1) return false;
    const length = end - start;
    if (this.used + length > this.arena.length) this.growArena(length);
    this.arena.set(bytes.subarray(start, end), this.used);
    this.hashes[slot] = hash;
    this.offsets[slot] = this.used + 1;
    this.lengths[slot] = length;
    this.values[slot] = value;
    this.used += length;
    this.size++;
    return true;
  }

  private freeSlot(hash: number): number {
    let slot = hash & this.mask;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      if (this.offsets[slot] === 0) return slot;
      slot = (slot + probe + 1) & this.mask;
    }
    return -1;
  }

  private equal(offset: number, view: DataView, bytes: Uint8Array, start: number, length: number): boolean {
    const arenaView = this.arenaView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (arenaView.getInt32(offset + i, true) !== view.getInt32(start + i, true)) return false;
    const arena = this.arena;
    for (; i < length; i++) if (arena[offset + i] !== bytes[start + i]) return false;
    return true;
  }

  /** Doubles the slots and places every key again (keys that find no slot are dropped). */
  private grow(): void {
    const { hashes, offsets, lengths, values } = this;
    const capacity = hashes.length * 2;
    this.hashes = new Int32Array(capacity);
    this.offsets = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    this.size = 0;
    for (let old = 0; old < hashes.length; old++) {
      if (offsets[old] === 0) continue;
      const slot = this.freeSlot(hashes[old]!);
      if (slot === -1) continue;
      this.hashes[slot] = hashes[old]!;
      this.offsets[slot] = offsets[old]!;
      this.lengths[slot] = lengths[old]!;
      this.values[slot] = values[old];
      this.size++;
    }
  }

  private growArena(needed: number): void {
    let capacity = this.arena.length * 2;
    while (capacity < this.used + needed) capacity *= 2;
    const arena = new Uint8Array(capacity);
    arena.set(this.arena.subarray(0, this.used));
    this.arena = arena;
    this.arenaView = new DataView(arena.buffer);
  }
}
