// The error type of the pipeline layer: a TICKscript that fails to evaluate or validate.
// Messages are Kapacitor's wording (`line 3 char 10: no method or property ...`); the HTTP
// layer adds the `invalid TICKscript: ` prefix.

import type { Position } from '../tick/ast.js';

export class TickEvalError extends Error {
  override readonly name = 'TickEvalError';
}

/** An error with Kapacitor's `line N char M: ` prefix. */
export function positioned(position: Position, message: string): TickEvalError {
  return new TickEvalError(`line ${position.line} char ${position.char}: ${message}`);
}
