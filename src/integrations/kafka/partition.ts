// Kafka partition choice as Kapacitor makes it: by a hash of the alert ID (crc32 by default,
// murmur2 or fnv-1a on request), or left to the producer when partition-by-id is disabled.
// Pure functions over bytes; no I/O.

/** Partition for `key` among `partitions` with Kapacitor's algorithm name ('' means crc32). */
export function partitionFor(key: string, partitions: number, algorithm: string): number {
  const bytes = Buffer.from(key, 'utf8');
  const hash = algorithm === 'murmur2' ? murmur2(bytes) & 0x7fffffff : algorithm === 'fnv-1a' ? fnv1a(bytes) : crc32(bytes);
  return hash % partitions;
}

export const PARTITION_ALGORITHMS = ['', 'crc32', 'murmur2', 'fnv-1a'];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash >>> 0;
}

/** Kafka's murmur2 (seed 0x9747b28c), as the Java client and sarama compute it. */
export function murmur2(bytes: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = bytes.length;
  let h = (0x9747b28c ^ length) | 0;
  const quads = length >> 2;
  for (let i = 0; i < quads; i++) {
    const offset = i * 4;
    let k = bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24) | 0;
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = length & 3;
  const tail = quads * 4;
  if (rest === 3) h ^= bytes[tail + 2]! << 16;
  if (rest >= 2) h ^= bytes[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= bytes[tail]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h >>> 0;
}
