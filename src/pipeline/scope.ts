// Names visible to a TICKscript: the global `time()` function, the task's source (`stream` or
// `batch`) and the script's vars, which are immutable. Errors in Kapacitor's wording.

import { TickEvalError } from './errors.js';
import type { EvalValue } from './values.js';

export class Scope {
  private readonly values = new Map<string, EvalValue>();

  constructor(private readonly globals: readonly string[]) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  isGlobalFunction(name: string): boolean {
    return this.globals.includes(name) && !this.values.has(name);
  }

  get(name: string): EvalValue {
    const value = this.values.get(name);
    if (value === undefined) {
      const names = [...this.globals, ...this.values.keys()].join(',');
      throw new TickEvalError(`name ${JSON.stringify(name)} is undefined. Names in scope: ${names}`);
    }
    return value;
  }

  /** Declares a var; vars are immutable. */
  declare(name: string, value: EvalValue): void {
    if (this.values.has(name) || this.globals.includes(name)) {
      throw new TickEvalError(`attempted to redefine ${name}, vars are immutable`);
    }
    this.values.set(name, value);
  }
}
