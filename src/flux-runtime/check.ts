// Compile-time checks before anything runs: every identifier resolves, every imported package
// is one we implement, every package member used exists. An unsupported function is an error
// naming it and its position, never a silent no-op. Window durations written as literals are
// checked too (mixed month and nanosecond units, zero or negative), so they fail at create.

import type * as A from '../flux/ast.js';
import { FluxCompileError } from '../flux/errors.js';
import { intervalProblem } from './calendar-windows.js';
import { durationOf, type FluxDuration } from './values.js';

export interface KnownNames {
  universe: Set<string>;
  /** Package path -> member names. */
  packages: Map<string, Set<string>>;
}

export function packageAlias(decl: A.ImportDeclaration): string {
  return decl.as ?? decl.path.split('/').pop()!;
}

const WINDOW_FUNCTIONS = new Set(['window', 'aggregateWindow']);

function literalDuration(e: A.Expression | undefined): FluxDuration | undefined {
  if (e?.kind === 'DurationLiteral') return durationOf(e.values);
  if (e?.kind === 'UnaryExpression' && e.operator === '-' && e.argument.kind === 'DurationLiteral') return durationOf(e.argument.values).negate();
  return undefined;
}

/** every/period/offset written as literals are checked here, so bad windows fail at create. */
function checkWindowDurations(call: A.CallExpression): void {
  const arg = (name: string) => call.args?.properties.find((p) => p.key === name);
  const every = literalDuration(arg('every')?.value);
  const period = literalDuration(arg('period')?.value);
  const offset = literalDuration(arg('offset')?.value);
  for (const [name, d] of [
    ['every', every],
    ['period', period],
  ] as const) {
    const problem = d === undefined ? undefined : intervalProblem(d);
    if (problem !== undefined) throw new FluxCompileError(`window ${name} ${problem}`, arg(name)!.loc);
  }
  if (every !== undefined && every.months === 0) {
    if (period !== undefined && period.months !== 0) throw new FluxCompileError('a window period in months needs an every in months', arg('period')!.loc);
    if (offset !== undefined && offset.months !== 0) throw new FluxCompileError('a window offset in months needs an every in months', arg('offset')!.loc);
  }
}

export function checkProgram(program: A.Program, known: KnownNames): void {
  const packages = new Map<string, Set<string>>();
  for (const decl of program.imports) {
    const members = known.packages.get(decl.path);
    if (members === undefined) throw new FluxCompileError(`unsupported package "${decl.path}"`, decl.loc);
    packages.set(packageAlias(decl), members);
  }
  // the universe, then the script's own top level (a script may shadow a builtin)
  const scopes: Array<Set<string>> = [new Set(known.universe), new Set()];
  const defined = (name: string) => scopes.some((scope) => scope.has(name)) || packages.has(name);
  const define = (name: string) => scopes[scopes.length - 1]!.add(name);

  const expression = (e: A.Expression, callee = false): void => {
    switch (e.kind) {
      case 'Identifier':
        if (!defined(e.name)) {
          throw new FluxCompileError(callee ? `unsupported or undefined function "${e.name}"` : `undefined identifier "${e.name}"`, e.loc);
        }
        return;
      case 'MemberExpression':
        if (e.object.kind === 'Identifier' && packages.has(e.object.name) && !scopes.some((s) => s.has((e.object as A.Identifier).name))) {
          if (!packages.get(e.object.name)!.has(e.property)) {
            throw new FluxCompileError(`unsupported function or member "${e.object.name}.${e.property}"`, e.loc);
          }
          return;
        }
        expression(e.object);
        return;
      case 'IndexExpression':
        expression(e.array);
        expression(e.index);
        return;
      case 'StringExpression':
        for (const part of e.parts) if (typeof part !== 'string') expression(part);
        return;
      case 'ArrayExpression':
        for (const el of e.elements) expression(el);
        return;
      case 'DictExpression':
        for (const el of e.elements) {
          expression(el.key);
          expression(el.value);
        }
        return;
      case 'RecordExpression':
        if (e.with) expression(e.with);
        for (const p of e.properties) expression(p.value ?? { kind: 'Identifier', name: p.key, loc: p.loc });
        return;
      case 'FunctionExpression': {
        scopes.push(new Set(e.params.map((p) => p.key)));
        for (const p of e.params) if (p.defaultValue) expression(p.defaultValue);
        if (e.body.kind === 'Block') block(e.body.body);
        else expression(e.body);
        scopes.pop();
        return;
      }
      case 'CallExpression':
        expression(e.callee, true);
        if (
          e.callee.kind === 'Identifier' &&
          WINDOW_FUNCTIONS.has(e.callee.name) &&
          !scopes.slice(1).some((scope) => scope.has((e.callee as A.Identifier).name))
        ) {
          checkWindowDurations(e);
        }
        for (const p of e.args?.properties ?? []) expression(p.value ?? { kind: 'Identifier', name: p.key, loc: p.loc });
        return;
      case 'PipeExpression':
        expression(e.argument);
        expression(e.call);
        return;
      case 'BinaryExpression':
      case 'LogicalExpression':
        expression(e.left);
        expression(e.right);
        return;
      case 'UnaryExpression':
        expression(e.argument);
        return;
      case 'ConditionalExpression':
        expression(e.test);
        expression(e.consequent);
        expression(e.alternate);
        return;
      default:
        return;
    }
  };
  const statement = (s: A.Statement, topLevel: boolean): void => {
    switch (s.kind) {
      case 'VariableAssignment':
        expression(s.init);
        define(s.id.name);
        return;
      case 'OptionStatement':
        if (!topLevel) throw new FluxCompileError('option statements are only allowed at the top level', s.loc);
        expression(s.assignment.init);
        if (s.assignment.kind === 'VariableAssignment') define(s.assignment.id.name);
        return;
      case 'ExpressionStatement':
        expression(s.expression);
        return;
      case 'ReturnStatement':
        if (topLevel) throw new FluxCompileError('return is only allowed inside a function block', s.loc);
        expression(s.argument);
        return;
      case 'BuiltinStatement':
        throw new FluxCompileError(`builtin statements are not supported ("${s.id.name}")`, s.loc);
      case 'TestcaseStatement':
        throw new FluxCompileError(`testcase statements are not supported ("${s.id.name}")`, s.loc);
    }
  };
  const block = (body: A.Statement[]): void => {
    scopes.push(new Set());
    for (const s of body) statement(s, false);
    scopes.pop();
  };
  for (const s of program.body) statement(s, true);
}
