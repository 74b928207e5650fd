import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, T, tokenName } from '../../src/tick/lexer.js';

/** Token names and texts, without the trailing EOF. */
function tokens(script: string): Array<[string, string]> {
  const all = lex(script);
  const last = all[all.length - 1]!;
  const body = last.type === T.EOF ? all.slice(0, -1) : all;
  return body.map((t) => [t.type === T.Error ? 'ERR' : tokenName(t.type), t.value]);
}

test('chains, properties, UDF calls and punctuation', () => {
  assert.deepEqual(tokens("batch|query('q').every(5m)@udf()"), [
    ['identifier', 'batch'],
    ['|', '|'],
    ['identifier', 'query'],
    ['(', '('],
    ['string', "'q'"],
    [')', ')'],
    ['.', '.'],
    ['identifier', 'every'],
    ['(', '('],
    ['duration', '5m'],
    [')', ')'],
    ['@', '@'],
    ['identifier', 'udf'],
    ['(', '('],
    [')', ')'],
  ]);
  assert.deepEqual(tokens("[ 'a', b , * ]"), [
    ['[', '['],
    ['string', "'a'"],
    [',', ','],
    ['identifier', 'b'],
    [',', ','],
    ['*', '*'],
    [']', ']'],
  ]);
});

test('keywords; lambda only with its colon; dbrp', () => {
  assert.deepEqual(tokens('var lambda = TRUE OR FALSE AND x'), [
    ['var', 'var'],
    ['identifier', 'lambda'],
    ['=', '='],
    ['TRUE', 'TRUE'],
    ['OR', 'OR'],
    ['FALSE', 'FALSE'],
    ['AND', 'AND'],
    ['identifier', 'x'],
  ]);
  assert.deepEqual(tokens('lambda: 1'), [
    ['lambda', 'lambda:'],
    ['number', '1'],
  ]);
  assert.deepEqual(tokens('dbrp "db"."rp"'), [
    ['dbrp', 'dbrp'],
    ['reference', '"db"'],
    ['.', '.'],
    ['reference', '"rp"'],
  ]);
});

test('binary operators are recognised after an operand only', () => {
  assert.deepEqual(tokens('"a">=2.5!="b"'), [
    ['reference', '"a"'],
    ['>=', '>='],
    ['number', '2.5'],
    ['!=', '!='],
    ['reference', '"b"'],
  ]);
  assert.deepEqual(tokens('(x) % 3 - -y'), [
    ['(', '('],
    ['identifier', 'x'],
    [')', ')'],
    ['%', '%'],
    ['number', '3'],
    ['-', '-'],
    ['-', '-'],
    ['identifier', 'y'],
  ]);
  assert.deepEqual(tokens('!x * 4 / 2'), [
    ['!', '!'],
    ['identifier', 'x'],
    ['*', '*'],
    ['number', '4'],
    ['/', '/'],
    ['number', '2'],
  ]);
  // `*` where an operand is expected is a star; `=` there is not a token at all.
  assert.deepEqual(tokens('f(*)'), [
    ['identifier', 'f'],
    ['(', '('],
    ['*', '*'],
    [')', ')'],
  ]);
  assert.deepEqual(tokens('(== 1'), [
    ['(', '('],
    ['ERR', "unknown state, last char: '='"],
  ]);
});

test('regexes follow =~, !~ and =, slashes escaped inside', () => {
  assert.deepEqual(tokens('"h" =~ /^a\\/b$/'), [
    ['reference', '"h"'],
    ['=~', '=~'],
    ['regex', '/^a\\/b$/'],
  ]);
  assert.deepEqual(tokens('"h" !~/x/'), [
    ['reference', '"h"'],
    ['!~', '!~'],
    ['regex', '/x/'],
  ]);
  assert.deepEqual(tokens('var r = /a.*/'), [
    ['var', 'var'],
    ['identifier', 'r'],
    ['=', '='],
    ['regex', '/a.*/'],
  ]);
});

test('numbers, durations and the dot', () => {
  assert.deepEqual(tokens('12 0.5 .25 10ms 3m 7u 2w 1d'), [
    ['number', '12'],
    ['number', '0.5'],
    ['number', '.25'],
    ['duration', '10ms'],
    ['duration', '3m'],
    ['duration', '7u'],
    ['duration', '2w'],
    ['duration', '1d'],
  ]);
  // A unit after a decimal point is not a duration; an unknown unit is an identifier.
  assert.deepEqual(tokens('1.5s 4k'), [
    ['number', '1.5'],
    ['identifier', 's'],
    ['number', '4'],
    ['identifier', 'k'],
  ]);
  assert.deepEqual(tokens('7.1.2'), [['ERR', 'multiple decimals in number']]);
});

test('strings: escapes, empty, triple quotes', () => {
  assert.deepEqual(tokens("'it\\'s' '' '''a 'quoted' b'''"), [
    ['string', "'it\\'s'"],
    ['string', "''"],
    ['string', "'''a 'quoted' b'''"],
  ]);
  assert.deepEqual(tokens("'open"), [['ERR', 'unterminated string']]);
  assert.deepEqual(tokens("'''open'"), [['ERR', 'unterminated string']]);
  assert.deepEqual(tokens('"field'), [['ERR', 'unterminated field reference']]);
  assert.deepEqual(tokens('"a\\"b"'), [['reference', '"a\\"b"']]);
  assert.deepEqual(tokens('x =~ /open'), [
    ['identifier', 'x'],
    ['=~', '=~'],
    ['ERR', 'unterminated regex'],
  ]);
});

test('comments: consecutive comment lines form one token', () => {
  const all = lex('// one\n   // two\n\n// three\nx');
  assert.deepEqual(
    all.map((t) => tokenName(t.type)),
    ['//', '//', 'identifier', 'EOF'],
  );
  assert.equal(all[0]!.value, '// one\n   // two\n');
  assert.equal(
    lex('a // tail')
      .map((t) => tokenName(t.type))
      .join(' '),
    'identifier // EOF',
  );
});

test('an unknown character ends the stream with an error at its offset', () => {
  const all = lex('stream\n  |from() ; x');
  const last = all[all.length - 1]!;
  assert.equal(last.type, T.Error);
  assert.equal(last.value, "unknown state, last char: ';'");
  assert.equal(last.start, 17);
  assert.equal(lex('a\tb\u00a0c').length, 4);
});

test('token offsets are string indices', () => {
  const all = lex("var s = 'é' + x");
  assert.deepEqual(
    all.map((t) => t.start),
    [0, 4, 6, 8, 12, 14, 15],
  );
});
