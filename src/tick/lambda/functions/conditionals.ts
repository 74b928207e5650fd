// if(condition, then, else) and isPresent(reference). Both branches of if() are evaluated
// (Kapacitor evaluates all arguments before the call) and must have the same type.

import { MISSING, T_BOOL, T_DURATION, T_FLOAT, T_INT, T_MISSING, T_REGEX, T_STRING, T_TIME } from '../types.js';
import type { FunctionDef } from './registry.js';

export const conditionalFunctions: FunctionDef[] = [
  {
    name: 'if',
    signatures: [T_FLOAT, T_INT, T_STRING, T_BOOL, T_REGEX, T_TIME, T_DURATION].map((t) => [[T_BOOL, t, t], t] as const),
    call: (args) => (args[0] === true ? args[1]! : args[2]!),
  },
  {
    name: 'isPresent',
    signatures: [T_MISSING, T_BOOL, T_STRING, T_INT, T_FLOAT].map((t) => [[t], T_BOOL] as const),
    call: (args) => args[0] !== MISSING,
  },
];
