// Compiles one SQL query (parsed by node-sql-parser, Flink dialect) against an input row
// type into plain closures over a row's field array: a WHERE predicate and one evaluator
// per output column, each with its result type. Compiled once per job; evaluation is ours.

import type { Parser } from 'node-sql-parser';
import { lazyRequire } from '../../../util/lazy-require.js';
import { JobDefineError } from '../../errors.js';
import { INTEGER_KINDS, NUMERIC_KINDS, parseDataType, type DataType, type RowType } from '../../row-type.js';
import { SQL_FUNCTIONS, extractField } from './functions.js';
import { castValue, compare, equals, likeRegExp, toNumber, toText, toTimestamp } from './values.js';

export type Evaluator = (fields: unknown[]) => unknown;

export interface Compiled {
  eval: Evaluator;
  type: DataType;
  /** The input field index when the expression is a bare column reference. */
  column?: number;
}

export interface CompiledQuery {
  where: Evaluator | undefined;
  columns: Compiled[];
  rowType: RowType;
  /** True when the output is the input row unchanged (SELECT * with no other column). */
  passThrough: boolean;
}

const sqlParser = lazyRequire<typeof import('node-sql-parser')>('node-sql-parser');
let parserInstance: Parser | undefined;
const parser = (): Parser => (parserInstance ??= new (sqlParser().Parser)());

type Node = Record<string, any>;

const STRING: DataType = { kind: 'string' };
const BOOLEAN: DataType = { kind: 'boolean' };
const DOUBLE: DataType = { kind: 'double' };
const NULL: DataType = { kind: 'null' };

function columnName(node: Node): string {
  const column = node.column;
  if (typeof column === 'string') return column;
  if (column && typeof column === 'object') return String(column.expr?.value ?? column.value);
  return String(column);
}

function functionName(node: Node): string {
  const name = node.name;
  if (typeof name === 'string') return name.toUpperCase();
  const parts = name?.name ?? [];
  if (parts.length > 0)
    return parts
      .map((p: Node) => p.value)
      .join('.')
      .toUpperCase();
  return String(name?.schema?.value ?? '').toUpperCase();
}

function castTarget(target: Node): DataType {
  const t = String(target.dataType).toUpperCase();
  if (t === 'DECIMAL' || t === 'NUMERIC') return { kind: 'decimal', precision: target.length ?? 38, scale: target.scale ?? 0 };
  if (t.startsWith('DECIMAL(')) return parseDataType(t.toLowerCase());
  const names: Record<string, string> = {
    STRING: 'string',
    VARCHAR: 'string',
    CHAR: 'string',
    TEXT: 'string',
    INT: 'int',
    INTEGER: 'int',
    BIGINT: 'bigint',
    TINYINT: 'tinyint',
    SMALLINT: 'smallint',
    FLOAT: 'float',
    REAL: 'float',
    DOUBLE: 'double',
    BOOLEAN: 'boolean',
    TIMESTAMP: 'timestamp',
    DATETIME: 'timestamp',
    DATE: 'date',
    TIME: 'time',
    BYTES: 'bytes',
    BINARY: 'bytes',
    VARBINARY: 'bytes',
  };
  const kind = names[t];
  if (kind === undefined) throw new JobDefineError(`Unsupported CAST target type: ${t}`);
  return parseDataType(kind);
}

function numericResult(a: DataType, b: DataType, op: string): DataType {
  if (INTEGER_KINDS.has(a.kind) && INTEGER_KINDS.has(b.kind)) {
    return a.kind === 'bigint' || b.kind === 'bigint' ? { kind: 'bigint' } : { kind: 'int' };
  }
  if (a.kind === 'decimal' || b.kind === 'decimal')
    return op === '/' ? DOUBLE : { kind: 'decimal', precision: 38, scale: Math.max(a.scale ?? 0, b.scale ?? 0) };
  return DOUBLE;
}

export class QueryCompiler {
  constructor(private readonly input: RowType) {}

  compile(node: Node): Compiled {
    switch (node.type) {
      case 'column_ref': {
        const name = columnName(node);
        const index = this.input.names.indexOf(name);
        if (index < 0) throw new JobDefineError(`Unknown column '${name}': the input has ${this.input.names.join(', ')}`);
        return { eval: (f) => f[index], type: this.input.types[index]!, column: index };
      }
      case 'number': {
        const value = Number(node.value);
        const type: DataType =
          Number.isInteger(value) && !String(node.value).includes('.') ? { kind: Math.abs(value) > 2147483647 ? 'bigint' : 'int' } : DOUBLE;
        return { eval: () => value, type };
      }
      case 'single_quote_string':
      case 'string':
      case 'double_quote_string':
      case 'natural_string': {
        const value = String(node.value).replace(/''/g, "'");
        return { eval: () => value, type: STRING };
      }
      case 'bool': {
        const value = Boolean(node.value);
        return { eval: () => value, type: BOOLEAN };
      }
      case 'null':
        return { eval: () => null, type: NULL };
      case 'unary_expr':
        return this.unary(node);
      case 'binary_expr':
        return this.binary(node);
      case 'function':
        return this.call(node);
      case 'cast': {
        const inner = this.compile(node.expr);
        const target = castTarget(node.target[0]);
        const run = inner.eval;
        return { eval: (f) => castValue(run(f), target), type: target };
      }
      case 'case':
        return this.caseExpr(node);
      case 'extract': {
        const field = String(node.args?.field ?? '').toUpperCase();
        const inner = this.compile(node.args.source);
        return {
          eval: (f) => {
            const d = toTimestamp(inner.eval(f));
            return d === null ? null : extractField(field, d);
          },
          type: { kind: 'int' },
        };
      }
      case 'aggr_func':
        throw new JobDefineError(`Aggregate function ${node.name} is not supported by the Sql transform.`);
      default:
        throw new JobDefineError(`Unsupported SQL expression: ${node.type}`);
    }
  }

  private unary(node: Node): Compiled {
    const inner = this.compile(node.expr);
    const run = inner.eval;
    if (String(node.operator).toUpperCase() === 'NOT') {
      return {
        eval: (f) => {
          const v = run(f);
          return v === null || v === undefined ? null : !v;
        },
        type: BOOLEAN,
      };
    }
    if (node.operator === '-')
      return {
        eval: (f) => {
          const v = toNumber(run(f));
          return v === null ? null : -v;
        },
        type: inner.type,
      };
    return inner;
  }

  private caseExpr(node: Node): Compiled {
    const subject = node.expr ? this.compile(node.expr) : undefined;
    const whens: Array<{ cond: Evaluator; result: Evaluator }> = [];
    let otherwise: Evaluator = () => null;
    let type: DataType = NULL;
    for (const arm of node.args as Node[]) {
      const result = this.compile(arm.result);
      if (type.kind === 'null') type = result.type;
      if (arm.type === 'else') {
        otherwise = result.eval;
        continue;
      }
      const cond = this.compile(arm.cond);
      const test =
        subject === undefined
          ? cond.eval
          : ((s: Evaluator, c: Evaluator) => (f: unknown[]) => {
              const a = s(f);
              const b = c(f);
              return a !== null && a !== undefined && b !== null && b !== undefined && equals(a, b);
            })(subject.eval, cond.eval);
      whens.push({ cond: test, result: result.eval });
    }
    return {
      eval: (f) => {
        for (let i = 0; i < whens.length; i++) if (whens[i]!.cond(f) === true) return whens[i]!.result(f);
        return otherwise(f);
      },
      type,
    };
  }

  private call(node: Node): Compiled {
    const name = functionName(node);
    if (name === 'NOT') {
      const inner = this.compile(node.args.value[0]);
      return {
        eval: (f) => {
          const v = inner.eval(f);
          return v === null || v === undefined ? null : !v;
        },
        type: BOOLEAN,
      };
    }
    const fn = SQL_FUNCTIONS[name];
    if (fn === undefined) throw new JobDefineError(`Unsupported function: ${name}`);
    const args = ((node.args?.value ?? []) as Node[]).map((arg) => this.compileArg(arg));
    const evals = args.map((arg) => arg.eval);
    const type = fn.type(args.map((arg) => arg.type));
    const call = fn.call;
    const nullSafe = fn.nullSafe === true;
    const values = new Array(evals.length);
    return {
      eval: (f) => {
        for (let i = 0; i < evals.length; i++) {
          const v = evals[i]!(f);
          if (!nullSafe && (v === null || v === undefined)) return null;
          values[i] = v;
        }
        const result = call(values);
        return typeof result === 'number' && Number.isNaN(result) ? null : result;
      },
      type,
    };
  }

  /** Bare words as function arguments (DATEADD(DAY, ...), DATE_TRUNC('DAY', ...)) are units. */
  private compileArg(arg: Node): Compiled {
    if (arg.type === 'column_ref' && !this.input.names.includes(columnName(arg)) && /^[A-Z_]+$/.test(columnName(arg))) {
      const unit = columnName(arg);
      return { eval: () => unit, type: STRING };
    }
    return this.compile(arg);
  }

  private binary(node: Node): Compiled {
    const op = String(node.operator).toUpperCase();
    if (op === 'IN' || op === 'NOT IN') {
      const left = this.compile(node.left).eval;
      const list = (node.right.value as Node[]).map((item) => this.compile(item).eval);
      const negate = op === 'NOT IN';
      return {
        eval: (f) => {
          const v = left(f);
          if (v === null || v === undefined) return null;
          for (let i = 0; i < list.length; i++) if (equals(v, list[i]!(f))) return !negate;
          return negate;
        },
        type: BOOLEAN,
      };
    }
    if (op === 'BETWEEN' || op === 'NOT BETWEEN') {
      const left = this.compile(node.left).eval;
      const low = this.compile(node.right.value[0]).eval;
      const high = this.compile(node.right.value[1]).eval;
      const negate = op === 'NOT BETWEEN';
      return {
        eval: (f) => {
          const v = left(f);
          const a = low(f);
          const b = high(f);
          if (v === null || v === undefined || a === null || b === null) return null;
          const inside = compare(v, a) >= 0 && compare(v, b) <= 0;
          return negate ? !inside : inside;
        },
        type: BOOLEAN,
      };
    }
    if (op === 'IS' || op === 'IS NOT') {
      const left = this.compile(node.left).eval;
      const right = this.compile(node.right).eval;
      const negate = op === 'IS NOT';
      return {
        eval: (f) => {
          const v = left(f);
          const r = right(f);
          const same = r === null ? v === null || v === undefined : v === r;
          return negate ? !same : same;
        },
        type: BOOLEAN,
      };
    }
    const leftC = this.compile(node.left);
    const rightC = this.compile(node.right);
    const left = leftC.eval;
    const right = rightC.eval;
    switch (op) {
      case 'AND':
        return {
          eval: (f) => {
            const a = left(f);
            if (a === false) return false;
            const b = right(f);
            if (b === false) return false;
            return a === null || a === undefined || b === null || b === undefined ? null : true;
          },
          type: BOOLEAN,
        };
      case 'OR':
        return {
          eval: (f) => {
            const a = left(f);
            if (a === true) return true;
            const b = right(f);
            if (b === true) return true;
            return a === null || a === undefined || b === null || b === undefined ? null : false;
          },
          type: BOOLEAN,
        };
      case 'LIKE':
      case 'NOT LIKE': {
        const negate = op === 'NOT LIKE';
        if (node.right.type === 'single_quote_string' || node.right.type === 'string') {
          const pattern = likeRegExp(String(node.right.value));
          return {
            eval: (f) => {
              const v = left(f);
              return v === null || v === undefined ? null : pattern.test(toText(v)!) !== negate;
            },
            type: BOOLEAN,
          };
        }
        return {
          eval: (f) => {
            const v = left(f);
            const p = right(f);
            return v === null || v === undefined || p === null || p === undefined ? null : likeRegExp(toText(p)!).test(toText(v)!) !== negate;
          },
          type: BOOLEAN,
        };
      }
      case '||':
        return {
          eval: (f) => {
            const a = left(f);
            const b = right(f);
            return a === null || b === null || a === undefined || b === undefined ? null : toText(a)! + toText(b)!;
          },
          type: STRING,
        };
      case '=':
      case '==':
      case '!=':
      case '<>':
      case '>':
      case '<':
      case '>=':
      case '<=':
        return { eval: comparison(op, left, right, leftC.type, rightC.type), type: BOOLEAN };
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return { eval: arithmetic(op, left, right, numericResult(leftC.type, rightC.type, op)), type: numericResult(leftC.type, rightC.type, op) };
      default:
        throw new JobDefineError(`Unsupported SQL operator: ${node.operator}`);
    }
  }
}

/** Hot path: numeric comparisons of numeric columns avoid the generic compare. */
function comparison(op: string, left: Evaluator, right: Evaluator, a: DataType, b: DataType): Evaluator {
  const numeric = NUMERIC_KINDS.has(a.kind) && NUMERIC_KINDS.has(b.kind);
  if (numeric) {
    switch (op) {
      case '>':
        return (f) => {
          const x = left(f) as number | null;
          const y = right(f) as number | null;
          return x === null || y === null || x === undefined || y === undefined ? null : x > y;
        };
      case '<':
        return (f) => {
          const x = left(f) as number | null;
          const y = right(f) as number | null;
          return x === null || y === null || x === undefined || y === undefined ? null : x < y;
        };
      case '>=':
        return (f) => {
          const x = left(f) as number | null;
          const y = right(f) as number | null;
          return x === null || y === null || x === undefined || y === undefined ? null : x >= y;
        };
      case '<=':
        return (f) => {
          const x = left(f) as number | null;
          const y = right(f) as number | null;
          return x === null || y === null || x === undefined || y === undefined ? null : x <= y;
        };
      case '=':
      case '==':
        return (f) => {
          const x = left(f) as number | null;
          const y = right(f) as number | null;
          return x === null || y === null || x === undefined || y === undefined ? null : x === y;
        };
      default:
        return (f) => {
          const x = left(f) as number | null;
          const y = right(f) as number | null;
          return x === null || y === null || x === undefined || y === undefined ? null : x !== y;
        };
    }
  }
  const test: (c: number) => boolean =
    op === '>'
      ? (c) => c > 0
      : op === '<'
        ? (c) => c < 0
        : op === '>='
          ? (c) => c >= 0
          : op === '<='
            ? (c) => c <= 0
            : op === '=' || op === '=='
              ? (c) => c === 0
              : (c) => c !== 0;
  return (f) => {
    const x = left(f);
    const y = right(f);
    return x === null || y === null || x === undefined || y === undefined ? null : test(compare(x, y));
  };
}

function arithmetic(op: string, left: Evaluator, right: Evaluator, type: DataType): Evaluator {
  const integer = INTEGER_KINDS.has(type.kind);
  const scale = type.kind === 'decimal' ? 10 ** (type.scale ?? 0) : 0;
  const apply: (x: number, y: number) => number | null =
    op === '+'
      ? (x, y) => x + y
      : op === '-'
        ? (x, y) => x - y
        : op === '*'
          ? (x, y) => x * y
          : op === '/'
            ? (x, y) => (y === 0 ? null : integer ? Math.trunc(x / y) : x / y)
            : (x, y) => (y === 0 ? null : x % y);
  return (f) => {
    const x = toNumber(left(f));
    const y = toNumber(right(f));
    if (x === null || y === null) return null;
    const r = apply(x, y);
    return r !== null && scale > 0 ? Math.round(r * scale) / scale : r;
  };
}

function outputName(column: Node, index: number): string {
  if (column.as) return String(column.as);
  const expr = column.expr as Node;
  if (expr.type === 'column_ref') return columnName(expr);
  return `EXPR$${index}`;
}

export function compileQuery(query: string, input: RowType): CompiledQuery {
  let ast: Node;
  try {
    const parsed = parser().astify(query, { database: 'flinksql' }) as Node | Node[];
    ast = Array.isArray(parsed) ? parsed[0]! : parsed;
  } catch (error) {
    throw new JobDefineError(`ErrorCode:[TRANSFORM_SQL-01], ErrorDescription:[SQL parse failed] - ${query}: ${(error as Error).message}`);
  }
  if (ast === undefined || ast.type !== 'select')
    throw new JobDefineError(`ErrorCode:[TRANSFORM_SQL-01], ErrorDescription:[SQL parse failed] - only SELECT is supported: ${query}`);
  if (ast.groupby || ast.having || (ast.from?.length ?? 0) > 1 || ast.from?.[0]?.join) {
    throw new JobDefineError(`The Sql transform supports one SELECT over its input table, without GROUP BY or JOIN: ${query}`);
  }
  const compiler = new QueryCompiler(input);
  const columns: Compiled[] = [];
  const names: string[] = [];
  let passThrough = true;
  const list: Node[] = ast.columns === '*' ? [{ expr: { type: 'column_ref', column: '*' } }] : ast.columns;
  list.forEach((column, i) => {
    const expr = column.expr as Node;
    if (expr.type === 'column_ref' && columnName(expr) === '*') {
      input.names.forEach((name, index) => {
        names.push(name);
        columns.push({ eval: (f) => f[index], type: input.types[index]!, column: index });
      });
      return;
    }
    passThrough = false;
    columns.push(compiler.compile(expr));
    names.push(outputName(column, i));
  });
  if (passThrough && columns.length !== input.names.length) passThrough = false;
  const where = ast.where ? compiler.compile(ast.where).eval : undefined;
  return { where, columns, rowType: { names, types: columns.map((c) => (c.type.kind === 'null' ? STRING : c.type)) }, passThrough };
}
