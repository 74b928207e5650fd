// The built-in function catalogue: each function's signatures (argument types → return type,
// in Kapacitor's declaration order, which its error messages list) and its implementation.
// Signature lookup is a Map keyed by a number, so checking a call allocates nothing.

import { typeName, type LambdaValue, type ValueType } from '../types.js';

export type Signature = readonly [args: readonly ValueType[], returns: ValueType];

export interface FunctionDef {
  readonly name: string;
  readonly signatures: readonly Signature[];
  /** Throws an Error with Go's message; the caller prefixes `error calling "name": `. */
  readonly call: (args: LambdaValue[], state: unknown) => LambdaValue;
  /** Stateful functions (sigma, count, spread): a fresh state per lambda instance. */
  readonly newState?: () => unknown;
}

export interface RegisteredFunction extends FunctionDef {
  /** Return type by domain key (see domainKey). */
  readonly returns: ReadonlyMap<number, ValueType>;
  /** "[(float), (int)]", as Kapacitor prints the available signatures. */
  readonly signatureText: string;
}

const MAX_ARGS = 4;

/** A number naming an argument-type list; lists longer than MAX_ARGS get a key no signature has. */
export function domainKey(types: readonly ValueType[], count: number): number {
  if (count > MAX_ARGS) return -1;
  let keyValue = count;
  for (let index = 0; index < count; index++) keyValue = keyValue * 16 + types[index]!;
  return keyValue;
}

export function domainText(types: readonly ValueType[]): string {
  return '(' + types.map(typeName).join(',') + ')';
}

const catalogue = new Map<string, RegisteredFunction>();

export function registerFunctions(defs: readonly FunctionDef[]): void {
  for (const def of defs) {
    const returns = new Map<number, ValueType>();
    for (const [args, ret] of def.signatures) returns.set(domainKey(args, args.length), ret);
    const signatureText = '[' + def.signatures.map(([args]) => domainText(args)).join(', ') + ']';
    catalogue.set(def.name, { ...def, returns, signatureText });
  }
}

export function lookupFunction(name: string): RegisteredFunction | undefined {
  return catalogue.get(name);
}
