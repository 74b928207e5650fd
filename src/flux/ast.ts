// The Flux abstract syntax tree: one discriminated union per node family, each node carrying
// its source location. Plain data only; evaluation lives in flux-runtime.

import type { Location } from './errors.js';

export interface Node {
  loc: Location;
}

export interface Program extends Node {
  kind: 'Program';
  packageName?: string;
  imports: ImportDeclaration[];
  body: Statement[];
}

export interface ImportDeclaration extends Node {
  kind: 'ImportDeclaration';
  as?: string;
  path: string;
}

export type Statement = OptionStatement | VariableAssignment | ExpressionStatement | ReturnStatement | BuiltinStatement | TestcaseStatement;

export interface OptionStatement extends Node {
  kind: 'OptionStatement';
  /** `option a = ...` or `option pkg.a = ...` */
  assignment: VariableAssignment | MemberAssignment;
}

export interface VariableAssignment extends Node {
  kind: 'VariableAssignment';
  id: Identifier;
  init: Expression;
}

export interface MemberAssignment extends Node {
  kind: 'MemberAssignment';
  member: MemberExpression;
  init: Expression;
}

export interface ExpressionStatement extends Node {
  kind: 'ExpressionStatement';
  expression: Expression;
}

export interface ReturnStatement extends Node {
  kind: 'ReturnStatement';
  argument: Expression;
}

export interface BuiltinStatement extends Node {
  kind: 'BuiltinStatement';
  id: Identifier;
}

export interface TestcaseStatement extends Node {
  kind: 'TestcaseStatement';
  id: Identifier;
}

export type Expression =
  | Identifier
  | IntegerLiteral
  | FloatLiteral
  | StringLiteral
  | StringExpression
  | DurationLiteral
  | DateTimeLiteral
  | RegexpLiteral
  | PipeLiteral
  | ArrayExpression
  | DictExpression
  | RecordExpression
  | FunctionExpression
  | CallExpression
  | PipeExpression
  | MemberExpression
  | IndexExpression
  | BinaryExpression
  | LogicalExpression
  | UnaryExpression
  | ConditionalExpression;

export interface Identifier extends Node {
  kind: 'Identifier';
  name: string;
}
export interface IntegerLiteral extends Node {
  kind: 'IntegerLiteral';
  value: bigint;
}
export interface FloatLiteral extends Node {
  kind: 'FloatLiteral';
  value: number;
}
export interface StringLiteral extends Node {
  kind: 'StringLiteral';
  value: string;
}
/** A string with `${}` interpolation: text and expression parts in order. */
export interface StringExpression extends Node {
  kind: 'StringExpression';
  parts: Array<string | Expression>;
}
export interface DurationLiteral extends Node {
  kind: 'DurationLiteral';
  values: Array<{ magnitude: bigint; unit: string }>;
}
export interface DateTimeLiteral extends Node {
  kind: 'DateTimeLiteral';
  value: bigint;
}
export interface RegexpLiteral extends Node {
  kind: 'RegexpLiteral';
  source: string;
}
export interface PipeLiteral extends Node {
  kind: 'PipeLiteral';
}
export interface ArrayExpression extends Node {
  kind: 'ArrayExpression';
  elements: Expression[];
}
export interface DictExpression extends Node {
  kind: 'DictExpression';
  elements: Array<{ key: Expression; value: Expression }>;
}
export interface Property extends Node {
  key: string;
  value?: Expression;
}
export interface RecordExpression extends Node {
  kind: 'RecordExpression';
  with?: Identifier;
  properties: Property[];
}
export interface Parameter extends Node {
  key: string;
  defaultValue?: Expression;
  pipe: boolean;
}
export interface Block extends Node {
  kind: 'Block';
  body: Statement[];
}
export interface FunctionExpression extends Node {
  kind: 'FunctionExpression';
  params: Parameter[];
  body: Expression | Block;
}
export interface CallExpression extends Node {
  kind: 'CallExpression';
  callee: Expression;
  args?: RecordExpression;
}
export interface PipeExpression extends Node {
  kind: 'PipeExpression';
  argument: Expression;
  call: CallExpression;
}
export interface MemberExpression extends Node {
  kind: 'MemberExpression';
  object: Expression;
  property: string;
}
export interface IndexExpression extends Node {
  kind: 'IndexExpression';
  array: Expression;
  index: Expression;
}
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~';
export interface BinaryExpression extends Node {
  kind: 'BinaryExpression';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}
export interface LogicalExpression extends Node {
  kind: 'LogicalExpression';
  operator: 'and' | 'or';
  left: Expression;
  right: Expression;
}
export interface UnaryExpression extends Node {
  kind: 'UnaryExpression';
  operator: '-' | '+' | 'not' | 'exists';
  argument: Expression;
}
export interface ConditionalExpression extends Node {
  kind: 'ConditionalExpression';
  test: Expression;
  consequent: Expression;
  alternate: Expression;
}
