// Which parts of a `filter` InfluxDB 1.x can evaluate: equality and regex tests of
// _measurement, _field and tags against literals, joined by `and` (and `or` within one
// column). Pushed parts narrow the FromSpec; anything else stays a local filter. Never pushes
// a test whose InfluxQL meaning differs from Flux's (e.g. != matches missing tags in InfluxQL).

import type * as A from '../flux/ast.js';
import type { FromSpec } from './table.js';
import type { FluxFunction } from './values.js';

type Test = { column: string; op: '==' | '=~'; value: string };

export function pushFilter(spec: FromSpec, fn: FluxFunction): { spec: FromSpec; exact: boolean } | undefined {
  const source = (fn as FluxFunction & { source?: A.FunctionExpression }).source;
  if (source === undefined || source.params.length !== 1 || source.body.kind === 'Block') return undefined;
  const param = source.params[0]!.key;
  const conjuncts: A.Expression[] = [];
  const split = (e: A.Expression): void => {
    if (e.kind === 'LogicalExpression' && e.operator === 'and') {
      split(e.left);
      split(e.right);
    } else conjuncts.push(e);
  };
  split(source.body);
  const next: FromSpec = { ...spec, measurements: [...spec.measurements], fields: [...spec.fields], tags: [...spec.tags] };
  let pushedAny = false;
  let exact = true;
  for (const conjunct of conjuncts) {
    const tests = disjunction(conjunct, param);
    if (tests === undefined) {
      exact = false;
      continue;
    }
    const column = tests[0]!.column;
    if (tests.some((t) => t.op === '=~')) exact = false;
    if (column === '_measurement' || column === '_field') {
      const target = column === '_measurement' ? next.measurements : next.fields;
      if (target.length > 0) {
        exact = false;
        continue;
      }
      target.push(...tests.map((t) => ({ op: t.op, value: t.value })));
    } else if (column.startsWith('_')) {
      exact = false;
      continue;
    } else {
      next.tags.push(tests.map((t) => ({ tag: t.column, op: t.op, value: t.value })));
    }
    pushedAny = true;
  }
  return pushedAny ? { spec: next, exact } : undefined;
}

function disjunction(e: A.Expression, param: string): Test[] | undefined {
  if (e.kind === 'LogicalExpression' && e.operator === 'or') {
    const left = disjunction(e.left, param);
    const right = disjunction(e.right, param);
    if (left === undefined || right === undefined || left[0]!.column !== right[0]!.column) return undefined;
    return [...left, ...right];
  }
  const test = simpleTest(e, param);
  return test === undefined ? undefined : [test];
}

function simpleTest(e: A.Expression, param: string): Test | undefined {
  if (e.kind !== 'BinaryExpression' || (e.operator !== '==' && e.operator !== '=~')) return undefined;
  const column = (side: A.Expression): string | undefined =>
    side.kind === 'MemberExpression' && side.object.kind === 'Identifier' && side.object.name === param ? side.property : undefined;
  let name = column(e.left);
  let other = e.right;
  if (name === undefined && e.operator === '==') {
    name = column(e.right);
    other = e.left;
  }
  if (name === undefined) return undefined;
  if (e.operator === '==' && other.kind === 'StringLiteral') return { column: name, op: '==', value: other.value };
  if (e.operator === '=~' && other.kind === 'RegexpLiteral') return { column: name, op: '=~', value: other.source };
  return undefined;
}
