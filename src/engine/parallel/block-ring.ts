// One worker's ring of shared memory for point blocks: the main thread copies each encoded
// block into the free part of the ring and posts only where it is; the worker releases the
// block once it has routed its points. A block that does not fit (the worker is far behind)
// is not waited for: the caller sends it in a buffer of its own instead. Never blocks.

/** The shared parts of a ring, handed to its worker once. */
export interface RingMemory {
  readonly buffer: SharedArrayBuffer;
  /** [0]: bytes released so far by the reader (monotonic). */
  readonly released: SharedArrayBuffer;
}

export class BlockRing {
  readonly memory: RingMemory;
  private readonly bytes: Uint8Array;
  private readonly released: BigInt64Array;
  private readonly size: number;
  /** Bytes handed out so far (monotonic; ring position = written % size). */
  private written = 0;

  constructor(size: number) {
    this.memory = { buffer: new SharedArrayBuffer(size), released: new SharedArrayBuffer(8) };
    this.bytes = new Uint8Array(this.memory.buffer);
    this.released = new BigInt64Array(this.memory.released);
    this.size = size;
  }

  /** Bytes handed out and not yet released by the reader. */
  get backlog(): number {
    return this.written - Number(Atomics.load(this.released, 0));
  }

  /**
   * Copies `data` into the ring; returns its offset there and the release mark the reader
   * stores after using it (`end`), or undefined when the ring has no room for it now.
   */
  put(data: Uint8Array): { offset: number; end: number } | undefined {
    const length = data.length;
    if (length === 0 || length > this.size) return undefined;
    let start = this.written;
    const position = start % this.size;
    // A block never wraps: skip the ring's tail when it is too short.
    if (position + length > this.size) start += this.size - position;
    const end = start + length;
    if (end - Number(Atomics.load(this.released, 0)) > this.size) return undefined;
    this.bytes.set(data, start % this.size);
    this.written = end;
    return { offset: start % this.size, end };
  }
}

/** The reader's side: marks everything up to `end` (from put) as free again. */
export function releaseRing(released: BigInt64Array, end: number): void {
  Atomics.store(released, 0, BigInt(end));
}
