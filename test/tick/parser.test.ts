import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, ProgramNode } from '../../src/tick/ast.js';
import { format } from '../../src/tick/formatter.js';
import { parse, parseLambda, TickParseError } from '../../src/tick/parser.js';

/** The AST without positions, for shape comparisons. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'position') out[key] = shape(value);
  }
  return out;
}

function only(script: string): Node {
  const program = parse(script);
  assert.equal(program.nodes.length, 1);
  return program.nodes[0]!;
}

function parseError(script: string): string {
  try {
    parse(script);
  } catch (error) {
    assert.ok(error instanceof TickParseError);
    return error.message;
  }
  assert.fail('expected a parse error');
}

const id = (ident: string) => ({ kind: 'identifier', ident });
const num = (n: number) => ({ kind: 'number', isInt: true, int64: BigInt(n), float64: n, literal: String(n) });
const fn = (type: string, func: string, ...args: unknown[]) => ({ kind: 'function', type, func, args, multiLine: false });
const bin = (operator: string, left: unknown, right: unknown, parens = false) => ({ kind: 'binary', operator, left, right, parens, multiLine: false });

test('chains are left-nested binary nodes with |, . and @', () => {
  assert.deepEqual(
    shape(only("stream|from().measurement('m')@custom().field('f')")),
    bin(
      '.',
      bin(
        '@',
        bin('.', bin('|', id('stream'), fn('chain', 'from')), fn('property', 'measurement', { kind: 'string', literal: 'm', tripleQuotes: false })),
        fn('dynamic', 'custom'),
      ),
      fn('property', 'field', { kind: 'string', literal: 'f', tripleQuotes: false }),
    ),
  );
  // A property without parentheses is an identifier.
  assert.deepEqual(shape(only('a.flag')), bin('.', id('a'), id('flag')));
});

test('declarations, typed declarations and dbrp statements', () => {
  const program = parse('var limit = 10\nvar field string\ndbrp "tele\\"graf"."autogen"\n');
  assert.deepEqual(shape(program.nodes), [
    { kind: 'declaration', left: id('limit'), right: num(10) },
    { kind: 'typeDeclaration', node: id('field'), type: id('string') },
    { kind: 'dbrp', db: { kind: 'reference', reference: 'tele"graf' }, rp: { kind: 'reference', reference: 'autogen' } },
  ]);
});

test('operator precedence and left associativity in lambdas', () => {
  const lambda = only('lambda: "a" - 2 - 3 * "b" > 1 OR "c" AND TRUE') as { kind: string; expression: Node };
  assert.equal(lambda.kind, 'lambda');
  const a = { kind: 'reference', reference: 'a' };
  const b = { kind: 'reference', reference: 'b' };
  const c = { kind: 'reference', reference: 'c' };
  assert.deepEqual(
    shape(lambda.expression),
    bin('OR', bin('>', bin('-', bin('-', a, num(2)), bin('*', num(3), b)), num(1)), bin('AND', c, { kind: 'bool', value: true })),
  );
});

test('parentheses mark binary nodes and vanish around other nodes', () => {
  const lambda = only('lambda: ((1 + 2)) * (abs(-4))') as { expression: Node };
  assert.deepEqual(shape(lambda.expression), bin('*', bin('+', num(1), num(2), true), fn('global', 'abs', { kind: 'unary', operator: '-', node: num(4) })));
});

test('literals: octal and decimal ints, floats, durations, strings, regexes, lists', () => {
  const values = parse("var a = 0755\nvar b = 2.50\nvar c = 90s\nvar d = '''x'y'''\nvar e = /a\\/b/\nvar f = ['x', y, *]\nvar g = 1500ms").nodes.map(
    (n) => (n as { right: Node }).right,
  );
  assert.deepEqual(shape(values), [
    { kind: 'number', isInt: true, int64: 493n, float64: 493, literal: '0755' },
    { kind: 'number', isInt: false, int64: 0n, float64: 2.5, literal: '2.50' },
    { kind: 'duration', duration: 90_000_000_000n, literal: '90s' },
    { kind: 'string', literal: "x'y", tripleQuotes: true },
    { kind: 'regex', literal: 'a/b' },
    { kind: 'list', nodes: [{ kind: 'string', literal: 'x', tripleQuotes: false }, id('y'), { kind: 'star' }] },
    { kind: 'duration', duration: 1_500_000_000n, literal: '1500ms' },
  ]);
  assert.equal((only("var s = 'don\\'t'") as { right: { literal: string } }).right.literal, "don't");
});

test('positions: byte offset, line and column in bytes', () => {
  const program = parse("var s = 'né'\n  var t = x + y");
  const second = program.nodes[1] as { position: unknown; right: { position: unknown } };
  assert.deepEqual(program.position, { pos: 0, line: 1, char: 1 });
  assert.deepEqual(second.position, { pos: 16, line: 2, char: 3 });
  assert.deepEqual(second.right.position, { pos: 26, line: 2, char: 13 });
});

test('multi-line binary expressions and function calls are flagged', () => {
  const lambda = (only('lambda: "a" > 1 AND\n "b" < 2') as { expression: { multiLine: boolean; left: { multiLine: boolean } } }).expression;
  assert.equal(lambda.multiLine, true);
  assert.equal(lambda.left.multiLine, false);
  const call = only("f(\n'a',\n'b')") as { multiLine: boolean };
  assert.equal(call.multiLine, true);
});

test('comments attach to the node that follows them', () => {
  const program = parse('// The limit\n//\n//   used below\nvar limit = 3\n\nstream\n    // chain note\n    |from()\n// end\n');
  const decl = program.nodes[0] as { comment?: { comments: string[] } };
  // Only the one space after `//` is dropped.
  assert.deepEqual(decl.comment?.comments, ['The limit', '', '  used below']);
  const chain = program.nodes[1] as { comment?: { comments: string[] } };
  assert.deepEqual(chain.comment?.comments, ['chain note']);
  assert.deepEqual(shape(program.nodes[2]), { kind: 'comment', comments: ['end'] });
});

test('comment blocks divided by a blank line are kept apart', () => {
  const program = parse('// first\n\n// second\nvar x = 1');
  assert.deepEqual((program.nodes[0] as { comment?: { comments: string[] } }).comment?.comments, ['first', '\n', 'second']);
});

test('parser errors carry line, column, context and the expected tokens', () => {
  const primary = '"number","string","duration","identifier","TRUE","FALSE","==","(","-","!"';
  assert.equal(parseError('x\nvar y ='), `parser: unexpected EOF line 2 char 8 in "var y =". expected: ${primary}`);
  assert.equal(parseError('var 1 = 2'), 'parser: unexpected number line 1 char 5 in "var 1 = 2". expected: "identifier"');
  assert.equal(parseError('stream\n    |from(\n    |window()'), `parser: unexpected | line 3 char 5 in "    |window()". expected: ${primary}`);
  assert.equal(parseError("f('a' 'b')"), 'parser: unexpected string line 1 char 7 in "f(\'a\' \'b\')". expected: ")"');
  assert.equal(parseError('var l = [1]'), 'parser: unexpected number line 1 char 10 in "var l = [1]". expected: "identifier","string","*"');
  assert.equal(parseError('stream|from()|where(lambda: "verylongfieldname" > )'), `parser: unexpected ) line 1 char 51 in "ldname" > )". expected: ${primary}`);
});

test('lexer errors surface as unexpected tokens', () => {
  assert.match(parseError("var m = 'abc"), /^parser: unexpected unterminated string line 1 char 9 in "var m = 'abc"/);
  assert.match(parseError('var x = 3 ? 4'), /^parser: unexpected unknown state, last char: '\?' line 1 char 11 /);
});

test('invalid literals are reported by value', () => {
  assert.equal(parseError('var x = 08'), 'parser: illegal number syntax: "08" at line 1 char 9');
  assert.equal(parseError('var x = 9223372036854775808'), 'parser: illegal number syntax: "9223372036854775808" at line 1 char 9');
  assert.match(parseError('var y = 1\nvar r = /a[/'), /^parser: error parsing regexp: .* at line 2 char 9$/);
});

test('statement forms: bare identifiers, global calls, expressions', () => {
  const program: ProgramNode = parse("a\nb()\nvar c = 1 + 2\ntime(1m) + 'x'");
  assert.deepEqual(
    program.nodes.map((n) => n.kind),
    ['identifier', 'function', 'declaration', 'binary'],
  );
});

test('10,000 mangled and random scripts: a positioned parse error or a stable format, never a crash', () => {
  const base =
    "var t = 5m\nstream\n    |from()\n        .measurement('cpu')\n    |where(lambda: \"usage\" > 2.5 AND \"host\" =~ /^web\\/[0-9]+$/)\n    |eval(lambda: if(\"x\" != 'a', -1, 0)).as('r')\n    @udf().opt(['a', *])\n    |groupBy(*)\n// end\n";
  const alphabet = `|.@()[],'"/\\*-+!=<>~%:\n abAND OR TRUE lambda var dbrp 09.msµ#é`;
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let parsed = 0;
  for (let i = 0; i < 10_000; i++) {
    let script = base;
    if (i % 5 === 4) {
      script = '';
      for (let c = 0, n = rnd(80); c < n; c++) script += alphabet[rnd(alphabet.length)];
    }
    for (let e = 0; e < 1 + rnd(3); e++) {
      const at = rnd(script.length + 1);
      script = rnd(2) === 0 ? script.slice(0, at) + script.slice(at + 1 + rnd(4)) : script.slice(0, at) + alphabet[rnd(alphabet.length)] + script.slice(at);
    }
    let program: ProgramNode;
    try {
      program = parse(script);
    } catch (error) {
      assert.ok(error instanceof TickParseError, `${String(error)} for ${JSON.stringify(script)}`);
      assert.match(error.message, /line \d+ char \d+/, JSON.stringify(script));
      continue;
    }
    parsed++;
    const once = format(program);
    assert.equal(format(parse(once)), once, JSON.stringify(script));
  }
  assert.ok(parsed > 100);
});

test('parseLambda: an expression without the lambda keyword', () => {
  const lambda = parseLambda('level() >= WARNING AND "host" =~ /^db/');
  assert.equal(lambda.kind, 'lambda');
  assert.deepEqual(
    shape(lambda.expression),
    bin('AND', bin('>=', fn('global', 'level'), id('WARNING')), bin('=~', { kind: 'reference', reference: 'host' }, { kind: 'regex', literal: '^db' })),
  );
  assert.throws(() => parseLambda('lambda: TRUE'), /^TickParseError: parser: unexpected lambda line 1 char 1/);
  assert.throws(() => parseLambda('"a" > 1 2'), /unexpected number line 1 char 9/);
});
