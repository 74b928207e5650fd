// Stateful functions: sigma (distance from the running mean in sample standard deviations),
// count and spread. Their state lives in the lambda instance: one per function name per
// instance, shared by every call of that name in the expression, as in Kapacitor.

import { T_FLOAT, T_INT } from '../types.js';
import type { FunctionDef } from './registry.js';

interface SigmaState {
  mean: number;
  m2: number;
  n: number;
}

interface CountState {
  n: bigint;
}

interface SpreadState {
  min: number;
  max: number;
}

function sigma(x: number, state: SigmaState): number {
  state.n++;
  const delta = x - state.mean;
  state.mean += delta / state.n;
  state.m2 += delta * (x - state.mean);
  const variance = state.m2 / (state.n - 1);
  if (state.n < 2 || variance === 0) return 0;
  return Math.abs(x - state.mean) / Math.sqrt(variance);
}

function spread(x: number, state: SpreadState): number {
  if (x < state.min) state.min = x;
  if (x > state.max) state.max = x;
  return state.max - state.min;
}

export const statefulFunctions: FunctionDef[] = [
  {
    name: 'sigma',
    signatures: [[[T_FLOAT], T_FLOAT]],
    call: (args, state) => sigma(args[0] as number, state as SigmaState),
    newState: (): SigmaState => ({ mean: 0, m2: 0, n: 0 }),
  },
  {
    name: 'count',
    signatures: [[[], T_INT]],
    call: (_args, state) => ++(state as CountState).n,
    newState: (): CountState => ({ n: 0n }),
  },
  {
    name: 'spread',
    signatures: [[[T_FLOAT], T_FLOAT]],
    call: (args, state) => spread(args[0] as number, state as SpreadState),
    newState: (): SpreadState => ({ min: Infinity, max: -Infinity }),
  },
];
