// The Flux parser: the constructs task scripts use parse to the right tree, and bad scripts
// fail with a positioned FluxError (never another exception, never a hang), including for
// 2,000 randomly mutated scripts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/flux/parser.js';
import { FluxError } from '../../src/flux/errors.js';
import type * as A from '../../src/flux/ast.js';

const TASK = `import "strings"
option task = {name: "cpu-1m", every: 1h30m, offset: -5m}

data = from(bucket: "telegraf/autogen")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "cpu" and r.host =~ /web-\\d+/)
f = (x, y=2, tables=<-) => {
    z = x * y ^ 2
    return z
}
s = "host \${strings.toUpper(v: "a")} \\"q\\""
d = ["a": 1, "b": 2]
e = [:]
t = 2020-01-01T00:00:00.5Z
u = 2020-01-01
data |> map(fn: (r) => ({r with _value: if r._value > 1.5 then -r._value else 0.0})) |> yield(name: "x")
`;

function body(source: string): A.Statement[] {
  return parse(source).body;
}

test('a task script parses into imports, an option and statements', () => {
  const program = parse(TASK);
  assert.deepEqual(
    program.imports.map((i) => i.path),
    ['strings'],
  );
  assert.equal(program.body.length, 9);
  const option = program.body[0] as A.OptionStatement;
  assert.equal(option.kind, 'OptionStatement');
  const record = (option.assignment as A.VariableAssignment).init as A.RecordExpression;
  assert.deepEqual(
    record.properties.map((p) => p.key),
    ['name', 'every', 'offset'],
  );
  const every = record.properties[1]!.value as A.DurationLiteral;
  assert.deepEqual(every.values, [
    { magnitude: 1n, unit: 'h' },
    { magnitude: 30n, unit: 'm' },
  ]);
  const fn = (program.body[2] as A.VariableAssignment).init as A.FunctionExpression;
  assert.deepEqual(
    fn.params.map((p) => [p.key, p.pipe, p.defaultValue !== undefined]),
    [
      ['x', false, false],
      ['y', false, true],
      ['tables', true, false],
    ],
  );
  assert.equal(fn.body.kind, 'Block');
  const s = (program.body[3] as A.VariableAssignment).init as A.StringExpression;
  assert.equal(s.kind, 'StringExpression');
  assert.equal(s.parts[0], 'host ');
  assert.equal((s.parts[1] as A.CallExpression).kind, 'CallExpression');
  assert.equal(s.parts[2], ' "q"');
  assert.equal(((program.body[4] as A.VariableAssignment).init as A.DictExpression).elements.length, 2);
  assert.equal(((program.body[5] as A.VariableAssignment).init as A.DictExpression).elements.length, 0);
  assert.equal(((program.body[6] as A.VariableAssignment).init as A.DateTimeLiteral).value, 1577836800500000000n);
  assert.equal(((program.body[7] as A.VariableAssignment).init as A.DateTimeLiteral).value, 1577836800000000000n);
});

test('operator precedence follows the spec (^ over * over + over comparison over not over and over or)', () => {
  const expr = (body('a = 1 + 2 * 3 ^ 2 == 19 and not false or true')[0] as A.VariableAssignment).init;
  assert.equal(expr.kind, 'LogicalExpression');
  assert.equal(expr.operator, 'or');
  const and = expr.left as A.LogicalExpression;
  assert.equal(and.operator, 'and');
  const cmp = and.left as A.BinaryExpression;
  assert.equal(cmp.operator, '==');
  const plus = cmp.left as A.BinaryExpression;
  assert.equal(plus.operator, '+');
  assert.equal((plus.right as A.BinaryExpression).operator, '*');
  assert.equal(((plus.right as A.BinaryExpression).right as A.BinaryExpression).operator, '^');
});

test('a regex is told from division by what comes before the slash', () => {
  const division = (body('a = b / c / d')[0] as A.VariableAssignment).init as A.BinaryExpression;
  assert.equal(division.operator, '/');
  const match = (body('a = "x" =~ /a\\/b/')[0] as A.VariableAssignment).init as A.BinaryExpression;
  assert.equal((match.right as A.RegexpLiteral).source, 'a/b');
});

test('syntax errors carry line:column and say what was expected', () => {
  const cases: Array<[string, RegExp]> = [
    ['from(bucket: "x")\n  |> range(start: )', /^error @2:19-2:20: expected an expression, got "\)"$/],
    ['a = "abc', /^error @1:5-1:9: unterminated string literal$/],
    ['x = 1 +', /^error @1:8-1:8: expected an expression, got end of input$/],
    ['a = 007', /leading zeros/],
    ['a = 1 |> 2', /pipe destination must be a function call/],
    ['a = {b: 1', /expected "," or "}", got end of input/],
    ['a = 5xyz', /invalid duration unit/],
    ['a = /unterminated', /unterminated regex literal/],
    ['a = 1\nimport "strings"', /imports go before/],
    ['a = "${}"', /empty string interpolation/],
  ];
  for (const [source, expected] of cases) {
    assert.throws(
      () => parse(source),
      (error: unknown) => error instanceof FluxError && expected.test(error.message),
      source,
    );
  }
});

test('deep nesting is refused with an error, not a stack overflow', () => {
  assert.throws(() => parse(`a = ${'('.repeat(5000)}1${')'.repeat(5000)}`), FluxError);
  assert.throws(() => parse(`a = ${'-'.repeat(5000)}1`), FluxError);
});

test('fuzz: 2,000 mutated scripts either parse or fail with a positioned FluxError', () => {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = [
    '(',
    ')',
    '{',
    '}',
    '[',
    ']',
    '"',
    '${',
    '/',
    '|>',
    '=>',
    '<-',
    ',',
    ':',
    '.',
    '-',
    '1',
    '1.5',
    '2h',
    'r',
    'with',
    'and',
    'not',
    'if',
    'then',
    'else',
    '\n',
    ' ',
    '\\',
    'µ',
    '2020-01-01T',
    '"${a}"',
  ];
  let parsed = 0;
  let failed = 0;
  for (let i = 0; i < 2000; i++) {
    const chars = Array.from(TASK);
    const edits = 1 + random(4);
    for (let e = 0; e < edits; e++) {
      const at = random(chars.length + 1);
      switch (random(3)) {
        case 0:
          chars.splice(at, 1 + random(3));
          break;
        case 1:
          chars.splice(at, 0, pieces[random(pieces.length)]!);
          break;
        default:
          chars.splice(at, 1, pieces[random(pieces.length)]!);
          break;
      }
    }
    const source = chars.join('');
    try {
      parse(source);
      parsed++;
    } catch (error) {
      assert.ok(error instanceof FluxError, `not a FluxError for ${JSON.stringify(source)}: ${String(error)}`);
      assert.match(error.message, /^error @\d+:\d+-\d+:\d+: /);
      assert.ok(error.loc.start.line >= 1 && error.loc.start.line <= source.split('\n').length + 1, `line out of range for ${JSON.stringify(source)}`);
      failed++;
    }
  }
  assert.ok(parsed > 0 && failed > 0, `parsed ${parsed}, failed ${failed}`);
});
