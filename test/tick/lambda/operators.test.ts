import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLambda, LambdaError } from '../../../src/tick/lambda/index.js';
import { bin, bool, call, dur, evalOnce, float, int, minutes, neg, not, ref, regex, scope, seconds, str } from './ast-builders.js';

const rejects = (fn: () => unknown, message: string) => assert.throws(fn, (err: unknown) => err instanceof LambdaError && err.message.includes(message));

test('int arithmetic stays int64: truncating division, Go remainder sign, wrap-around', () => {
  assert.equal(evalOnce(bin(ref('i'), '+', int(3n))), 10n);
  assert.equal(evalOnce(bin(ref('n'), '/', int(2n))), -1n);
  assert.equal(evalOnce(bin(int(-5n), '%', int(3n))), -2n);
  assert.equal(evalOnce(bin(int(5n), '%', int(-3n))), 2n);
  assert.equal(evalOnce(bin(int(1n), '+', bin(int(2n), '*', int(3n)))), 7n);
  assert.equal(evalOnce(bin(int(9223372036854775807n), '+', int(1n))), -9223372036854775808n);
});

test('float arithmetic and comparisons mixing int and float', () => {
  assert.equal(evalOnce(bin(float(0.1), '+', float(0.2))), 0.30000000000000004);
  assert.equal(evalOnce(bin(ref('value'), '/', float(2))), 5.25);
  assert.equal(evalOnce(bin(ref('i'), '<', ref('value'))), true);
  assert.equal(evalOnce(bin(ref('i'), '==', float(7))), true);
  assert.equal(evalOnce(bin(ref('value'), '>', int(10n))), true);
});

test('no implicit int/float promotion in arithmetic', () => {
  rejects(
    () => evalOnce(bin(ref('i'), '+', ref('value'))),
    'mismatched type to binary operator. got int + float. see bool(), int(), float(), string(), duration()',
  );
  rejects(() => evalOnce(bin(ref('value'), '%', float(2))), 'invalid math operator % for type float');
  rejects(() => evalOnce(bin(ref('b'), '+', bool(true))), 'invalid math operator + for type boolean');
  rejects(() => evalOnce(bin(ref('b'), '<', bool(true))), 'invalid comparison operator < for type boolean');
  rejects(() => evalOnce(bin(ref('i'), '/', int(0n))), 'runtime error: integer divide by zero');
});

test('strings concatenate and compare', () => {
  assert.equal(evalOnce(bin(bin(ref('host'), '+', str('-')), '+', ref('region'))), 'serverA-us-west');
  assert.equal(evalOnce(bin(str('a'), '<', str('b'))), true);
  rejects(() => evalOnce(bin(ref('s'), '+', int(1n))), 'got string + int');
});

test('durations: arithmetic, comparisons, output as nanoseconds', () => {
  assert.equal(evalOnce(bin(ref('i'), '*', seconds(1n))), 7_000_000_000n);
  assert.equal(evalOnce(bin(dur(3_600_000_000_000n), '/', minutes(30n))), 2n);
  assert.equal(evalOnce(call('string', bin(minutes(5n), '+', seconds(30n)))), '330s');
  assert.equal(evalOnce(call('string', bin(float(1.5), '*', dur(3_600_000_000_000n)))), '90m');
  assert.equal(evalOnce(call('string', neg(dur(43_200_000_000_000n)))), '-12h');
  assert.equal(evalOnce(bin(minutes(5n), '>', minutes(1n))), true);
});

test('constant type errors are compile errors', () => {
  rejects(() => compileLambda(bin(minutes(5n), '==', int(5n))), 'got duration == int');
  rejects(() => compileLambda(bin(str('abc'), '==', regex('abc'))), 'got string == regex');
  rejects(() => compileLambda(bin(minutes(5n), '%', int(2n))), 'invalid math operator % for type duration');
  rejects(() => compileLambda(bin(minutes(5n), '*', minutes(5n))), 'got duration * duration');
  rejects(
    () => compileLambda(bin(bin(str('a'), '+', int(1n)), '*', int(2n))),
    'Failed to handle left node: mismatched type to binary operator. got string + int',
  );
  rejects(() => compileLambda(regex('a(b')), 'error parsing regexp');
});

test('AND/OR short-circuit over constant-bool operands; missing references', () => {
  assert.equal(evalOnce(bin(bin(ref('i'), '>', int(100n)), 'AND', bin(ref('nope'), '>', int(1n)))), false);
  assert.equal(evalOnce(bin(bin(ref('i'), '<', int(100n)), 'OR', bin(ref('nope'), '>', int(1n)))), true);
  rejects(() => evalOnce(bin(ref('nope'), '>', int(1n))), 'invalid comparison operator > for type missing');
  rejects(() => evalOnce(bin(ref('b'), 'AND', ref('s'))), 'got boolean AND string');
  rejects(() => evalOnce(ref('nope')), 'missing value: "nope"');
});

test('unary operators', () => {
  assert.equal(evalOnce(neg(ref('value'))), -10.5);
  assert.equal(evalOnce(neg(neg(int(3n)))), 3n);
  assert.equal(evalOnce(neg(ref('b'))), false);
  assert.equal(evalOnce(not(bin(ref('i'), '>', int(3n)))), false);
  rejects(() => evalOnce(not(ref('s'))), 'TypeGuard: expression returned unexpected type string, expected boolean');
});

test('regex operators with Go syntax', () => {
  assert.equal(evalOnce(bin(ref('host'), '=~', regex('^server'))), true);
  assert.equal(evalOnce(bin(ref('s'), '=~', regex('(?i)hello'))), true);
  assert.equal(evalOnce(bin(str('cba'), '!~', regex('^(.*)c$'))), true);
  assert.equal(evalOnce(bin(str('héllo'), '=~', regex('^h.llo$'))), true);
  rejects(() => evalOnce(bin(ref('s'), '=~', str('Hello'))), 'got string =~ string');
  rejects(() => evalOnce(bin(ref('i'), '=~', regex('7'))), 'invalid comparison operator =~ for type int');
});

test('regex repeat counts and Go wording of pattern errors', () => {
  assert.equal(evalOnce(bin(str('xaay'), '=~', regex('a{2}'))), true);
  assert.equal(evalOnce(bin(str('aaa'), '=~', regex('^a{1,2}$'))), false);
  assert.equal(evalOnce(bin(str('a{,2}'), '=~', regex('^a{,2}$'))), true);
  rejects(() => compileLambda(regex('a{3,1}')), 'error parsing regexp: invalid repeat count: `{3,1}`');
  rejects(() => compileLambda(regex('(ab')), 'error parsing regexp: missing closing ): `(ab`');
  rejects(() => compileLambda(regex('x[ab')), 'error parsing regexp: missing closing ]: `[ab`');
  rejects(() => compileLambda(regex('a**')), 'error parsing regexp: invalid nested repetition operator: `**`');
  rejects(() => compileLambda(regex('+x')), 'error parsing regexp: missing argument to repetition operator: `+`');
});

test('evalBool for conditions and its type errors', () => {
  const where = compileLambda(bin(ref('host'), '==', str('serverA'))).instantiate();
  assert.equal(where.evalBool(scope()), true);
  assert.equal(where.evalBool(scope({}, { host: 'other' })), false);
  assert.throws(() => compileLambda(ref('value')).instantiate().evalBool(scope()), /TypeGuard: expression returned unexpected type float, expected boolean/);
  assert.throws(
    () =>
      compileLambda(bin(ref('i'), '+', int(1n)))
        .instantiate()
        .evalBool(scope()),
    /expression returned unexpected type int64/,
  );
  assert.throws(() => compileLambda(ref('nope')).instantiate().evalBool(scope()), /reference "nope" is missing value/);
});

test('references: "time" is the point time, fields and tags of one name collide', () => {
  assert.equal(evalOnce(call('unixNano', ref('time')), scope({ time: 1n })), 1_552_657_530_000_000_000n);
  assert.throws(() => evalOnce(ref('host'), scope({ host: 1n })), /cannot have field and tags with same name "host"/);
  assert.equal(evalOnce(bin(ref('a.b'), '*', float(2)), scope({ 'a.b': 1.5 })), 3);
  assert.deepEqual(compileLambda(bin(ref('a'), '+', bin(ref('b'), '+', ref('a')))).references, ['a', 'b']);
});

test('time values cannot be a result', () => {
  assert.throws(() => evalOnce(call('now')), /expression returned unexpected type time/);
});
