// A few request-body buffers reused from one write to the next. A body lives for the whole
// write, across turns of the event loop, so under load V8 moved most bodies to the old
// generation and their bytes (off the JS heap) were freed only at the next full collection:
// tens of MB of dead bodies at any time. A pooled buffer is taken when a body of known length
// starts and given back by the route once nothing refers to it any more.
// Never hands one buffer to two bodies at once; never keeps more than MAX_FREE buffers.

/** Bodies up to this size are read into a pooled buffer; larger ones get their own. */
export const POOLED_BODY_BYTES = 1 << 20;
/** Idle buffers kept for the next bodies. */
const MAX_FREE = 8;

export class BodyPool {
  private readonly free: ArrayBuffer[] = [];
  /** Buffers handed out and not yet given back. */
  private readonly taken = new WeakSet<ArrayBufferLike>();

  /** A buffer of exactly `size` bytes (contents undefined), or undefined when too large to pool. */
  take(size: number): Buffer | undefined {
    if (size <= 0 || size > POOLED_BODY_BYTES) return undefined;
    const memory = this.free.pop() ?? Buffer.allocUnsafeSlow(POOLED_BODY_BYTES).buffer;
    this.taken.add(memory);
    return Buffer.from(memory, 0, size);
  }

  /** Gives a body back; anything that did not come from take() (or came back already) is ignored. */
  release(body: Buffer): void {
    const memory = body.buffer;
    if (!this.taken.delete(memory)) return;
    if (this.free.length < MAX_FREE) this.free.push(memory as ArrayBuffer);
  }

  /** Idle buffers (for tests). */
  get idle(): number {
    return this.free.length;
  }
}

/** Which pool each request's body came from, while it is out. */
const lenders = new WeakMap<object, BodyPool>();

/** Records that `request`'s body is a buffer of `pool`. */
export function lendBody(request: object, pool: BodyPool): void {
  lenders.set(request, pool);
}

/** Gives `request`'s body back to its pool, if it came from one; a second call does nothing. */
export function returnBody(request: object, body: unknown): void {
  const pool = lenders.get(request);
  if (pool === undefined) return;
  lenders.delete(request);
  if (Buffer.isBuffer(body)) pool.release(body);
}
