// The shape of a catalogue entry: what one TICKscript node kind accepts (property methods with
// their Go-typed parameters, chaining methods, edge types, DOT name). Declarative data plus a
// tiny parser for the one-line property notation the catalogue files use. No evaluation here.

import type { EdgeType } from '../types.js';

/** Parameter types, spelled as Go's reflect package prints them (error messages quote them). */
export type GoType = 'string' | 'int64' | 'float64' | 'bool' | 'time.Duration' | '*ast.LambdaNode' | '*regexp.Regexp' | 'interface {}' | 'pipeline.Node';

export interface PropertySpec {
  /** TICKscript name (`retentionPolicy`). */
  readonly name: string;
  /**
   * 'field': set directly (Kapacitor sets a struct field: exactly one argument);
   * 'method': a property method called with the arguments.
   */
  readonly form: 'field' | 'method';
  readonly params: readonly GoType[];
  /** Type of the trailing variadic parameter, when there is one. */
  readonly variadic?: GoType;
  /** Repeated calls add up (`.header()`, `.where()`); otherwise the last call wins. */
  readonly accumulates: boolean;
  /** For alert handlers: the handler kind the call opens (its own properties follow). */
  readonly opens?: string;
}

/** Edge provided by a node created through a chaining method. */
export type ProvidesRule = EdgeType | 'parent';

export interface ChainSpec<N extends string = string> {
  /** TICKscript method name, also the created node's kind. */
  readonly name: N;
  readonly params: readonly GoType[];
  readonly variadic?: GoType;
  readonly provides: ProvidesRule;
}

export interface NodeSpec<K extends string = string> {
  /** Catalogue kind (TICKscript method name that creates it). */
  readonly kind: K;
  /** Go type name without package, used in error messages (`*pipeline.FromNode`). */
  readonly goType: string;
  /** Kapacitor's node description: the DOT / stats name prefix (`http_out`). */
  readonly desc: string;
  /** Node embeds Kapacitor's chainnode: it has the shared chaining methods. */
  readonly chainnode: boolean;
  /** Chaining methods of this kind only (stream|from, batch|query). */
  readonly ownChains?: readonly string[];
  readonly properties: readonly PropertySpec[];
}

export interface HandlerSpec {
  /** The alert property that opens it (`post`, `slack`). */
  readonly kind: string;
  readonly goType: string;
  readonly properties: readonly PropertySpec[];
}

const TYPE_CODES: Record<string, GoType> = {
  s: 'string',
  i: 'int64',
  f: 'float64',
  b: 'bool',
  d: 'time.Duration',
  l: '*ast.LambdaNode',
  r: '*regexp.Regexp',
  a: 'interface {}',
  n: 'pipeline.Node',
};

function goType(code: string): GoType {
  const type = TYPE_CODES[code];
  if (type === undefined) throw new Error(`catalogue: unknown type code ${code}`);
  return type;
}

/**
 * Parses the catalogue notation:
 * `name:t` a field of type t; `name(t,t,...t)` a method (`...t` variadic); a trailing `+`
 * accumulates; `>kind` opens an alert handler. Type codes: s string, i int, f float, b bool,
 * d duration, l lambda, r regex, a any, n node.
 */
export function property(notation: string): PropertySpec {
  const match = /^(\w+)(?::(\w)|\(([^)]*)\))(\+)?(?:>(\w+))?$/.exec(notation);
  if (match === null) throw new Error(`catalogue: bad property notation ${notation}`);
  const [, name, fieldType, methodParams, plus, opens] = match;
  if (fieldType !== undefined) {
    return { name: name!, form: 'field', params: [goType(fieldType)], accumulates: plus !== undefined };
  }
  const { params, variadic } = signature(methodParams!);
  return { name: name!, form: 'method', params, variadic, accumulates: plus !== undefined || opens !== undefined, opens };
}

/** Parses `t,t,...t` into fixed parameters and an optional variadic type. */
export function signature(list: string): { params: GoType[]; variadic?: GoType } {
  const params: GoType[] = [];
  let variadic: GoType | undefined;
  for (const part of list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    if (part.startsWith('...')) variadic = goType(part.slice(3));
    else params.push(goType(part));
  }
  return { params, variadic };
}

export function properties(...notations: string[]): PropertySpec[] {
  return notations.map(property);
}

export function chain<const N extends string>(name: N, sig: string, provides: ProvidesRule): ChainSpec<N> {
  return { name, ...signature(sig), provides };
}

/** A catalogue entry, its kind kept as a literal type (NodeKind is derived from the entries). */
export function defineNode<const K extends string>(spec: NodeSpec<K>): NodeSpec<K> {
  return spec;
}
