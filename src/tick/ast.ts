// TICKscript abstract syntax tree: one node kind per language construct, as in Kapacitor's
// tick/ast. Produced by the parser, read by the formatter, the pipeline builder and the
// lambda compiler. Pure data: no I/O, no evaluation here.

/** Position of a node in the source: byte offset, 1-based line and 1-based char (column). */
export interface Position {
  readonly pos: number;
  readonly line: number;
  readonly char: number;
}

/** Comment lines attached to the node that follows them. */
export interface Commented {
  comment?: CommentNode;
}

export interface CommentNode {
  readonly kind: 'comment';
  readonly position: Position;
  /**
   * Each comment line, trimmed, without its `//` and one following space; a "\n" entry
   * separates comment blocks that a blank line divided.
   */
  readonly comments: string[];
}

export interface NumberNode extends Commented {
  readonly kind: 'number';
  readonly position: Position;
  readonly isInt: boolean;
  /** Set when isInt (int64 range). */
  readonly int64: bigint;
  /** Set when !isInt. */
  readonly float64: number;
  /** Literal text as written (for the formatter). */
  readonly literal: string;
}

export interface DurationNode extends Commented {
  readonly kind: 'duration';
  readonly position: Position;
  /** Nanoseconds. */
  readonly duration: bigint;
  readonly literal: string;
}

export interface BoolNode extends Commented {
  readonly kind: 'bool';
  readonly position: Position;
  readonly value: boolean;
}

export interface StringNode extends Commented {
  readonly kind: 'string';
  readonly position: Position;
  /** Unescaped value. */
  readonly literal: string;
  readonly tripleQuotes: boolean;
}

export interface RegexNode extends Commented {
  readonly kind: 'regex';
  readonly position: Position;
  /** Pattern source between the slashes, unescaped `\/`. */
  readonly literal: string;
}

export interface StarNode extends Commented {
  readonly kind: 'star';
  readonly position: Position;
}

export interface ListNode extends Commented {
  readonly kind: 'list';
  readonly position: Position;
  readonly nodes: Node[];
}

/** A bare identifier: a variable name, or `stream` / `batch` at the head of a chain. */
export interface IdentifierNode extends Commented {
  readonly kind: 'identifier';
  readonly position: Position;
  readonly ident: string;
}

/** A double-quoted reference to a field or tag inside a lambda: "host". */
export interface ReferenceNode extends Commented {
  readonly kind: 'reference';
  readonly position: Position;
  readonly reference: string;
}

export type UnaryOperator = '-' | '!';

export interface UnaryNode extends Commented {
  readonly kind: 'unary';
  readonly position: Position;
  readonly operator: UnaryOperator;
  readonly node: Node;
}

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | '!~'
  | 'AND'
  | 'OR'
  /** Chaining operators of the pipeline: `|` chain, `.` property, `@` UDF. */
  | '|'
  | '.'
  | '@';

export interface BinaryNode extends Commented {
  readonly kind: 'binary';
  readonly position: Position;
  readonly operator: BinaryOperator;
  readonly left: Node;
  readonly right: Node;
  /** The expression was written inside parentheses. */
  readonly parens: boolean;
  /** The expression spans several lines (the formatter keeps it multi-line). */
  readonly multiLine: boolean;
}

export type FunctionType = 'global' | 'chain' | 'property' | 'dynamic';

/** A call: `from()` after `|` (chain), `.period(10s)` (property), `@udf()` (dynamic), `sigma(x)` in a lambda (global). */
export interface FunctionNode extends Commented {
  readonly kind: 'function';
  readonly position: Position;
  readonly type: FunctionType;
  readonly func: string;
  readonly args: Node[];
  readonly multiLine: boolean;
}

export interface LambdaNode extends Commented {
  readonly kind: 'lambda';
  readonly position: Position;
  readonly expression: Node;
}

/** `var name = value`. */
export interface DeclarationNode extends Commented {
  readonly kind: 'declaration';
  readonly position: Position;
  readonly left: IdentifierNode;
  readonly right: Node;
}

/** `var name type` (template variables). */
export interface TypeDeclarationNode extends Commented {
  readonly kind: 'typeDeclaration';
  readonly position: Position;
  readonly node: IdentifierNode;
  readonly type: IdentifierNode;
}

/** `dbrp "db"."rp"`. */
export interface DBRPNode extends Commented {
  readonly kind: 'dbrp';
  readonly position: Position;
  readonly db: ReferenceNode;
  readonly rp: ReferenceNode;
}

export interface ProgramNode extends Commented {
  readonly kind: 'program';
  readonly position: Position;
  readonly nodes: Node[];
}

export type Node =
  | NumberNode
  | DurationNode
  | BoolNode
  | StringNode
  | RegexNode
  | StarNode
  | ListNode
  | IdentifierNode
  | ReferenceNode
  | UnaryNode
  | BinaryNode
  | FunctionNode
  | LambdaNode
  | DeclarationNode
  | TypeDeclarationNode
  | DBRPNode
  | ProgramNode
  | CommentNode;

export type NodeKind = Node['kind'];
