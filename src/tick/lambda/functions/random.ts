// rand(): a non-negative pseudo-random 63-bit integer; rand(n): a uniform integer in [0, n)
// (0 when n is not positive). Stateless: every call draws from one process-wide generator.

import { T_INT } from '../types.js';
import type { FunctionDef } from './registry.js';

const TWO_31 = 2 ** 31;
const TWO_32 = 2 ** 32;
const INT63_LIMIT = 1n << 63n;

/** A pseudo-random integer in [0, 2^63). */
export function randomInt63(): bigint {
  const high = BigInt(Math.floor(Math.random() * TWO_31));
  const low = BigInt(Math.floor(Math.random() * TWO_32));
  return (high << 32n) | low;
}

/** A uniform pseudo-random integer in [0, n) without modulo bias; 0 when n <= 0. */
export function randomBelow(n: bigint, draw: () => bigint = randomInt63): bigint {
  if (n <= 0n) return 0n;
  if ((n & (n - 1n)) === 0n) return draw() & (n - 1n);
  const max = INT63_LIMIT - 1n - (INT63_LIMIT % n);
  let value = draw();
  while (value > max) value = draw();
  return value % n;
}

export const randomFunctions: FunctionDef[] = [
  {
    name: 'rand',
    signatures: [
      [[], T_INT],
      [[T_INT], T_INT],
    ],
    call: (args) => (args.length === 0 ? randomInt63() : randomBelow(args[0] as bigint)),
  },
];
