import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLambda, LambdaError } from '../../../src/tick/lambda/index.js';
import { bin, bool, call, dur, evalOnce, float, int, minutes, ref, regex, scope, seconds, str } from './ast-builders.js';

const rejects = (fn: () => unknown, message: string) => assert.throws(fn, (err: unknown) => err instanceof LambdaError && err.message.includes(message));

test('conversions bool/int/float/string', () => {
  assert.equal(evalOnce(call('bool', str('true'))), true);
  assert.equal(evalOnce(call('bool', float(0))), false);
  assert.equal(evalOnce(call('int', float(2.9999))), 2n);
  assert.equal(evalOnce(call('int', str('42'))), 42n);
  assert.equal(evalOnce(call('int', bool(true))), 1n);
  assert.equal(evalOnce(call('float', str('2.5'))), 2.5);
  assert.equal(evalOnce(call('float', ref('i'))), 7);
  assert.equal(evalOnce(call('string', float(1))), '1');
  assert.equal(evalOnce(call('string', float(1e21))), '1000000000000000000000');
  assert.equal(evalOnce(call('string', bin(float(1), '/', float(3)))), '0.3333333333333333');
  assert.equal(evalOnce(call('string', seconds(15n))), '15s');
  assert.equal(evalOnce(call('string', dur(7n * 86_400_000_000_000n))), '1w');
  rejects(() => evalOnce(call('bool', str('asdf'))), 'error calling "bool": strconv.ParseBool: parsing "asdf": invalid syntax');
  rejects(() => evalOnce(call('bool', ref('i'))), 'error calling "bool": cannot convert 7 to boolean');
  rejects(() => evalOnce(call('int', str('2.5'))), 'strconv.ParseInt: parsing "2.5": invalid syntax');
  rejects(() => evalOnce(call('float', str('asdf'))), 'strconv.ParseFloat: parsing "asdf": invalid syntax');
  rejects(
    () => evalOnce(call('int', dur(15_000n))),
    'Cannot call function "int" with args (15µs: duration), available signatures are [(boolean), (string), (int), (float)].',
  );
});

test('duration(value, unit)', () => {
  assert.equal(evalOnce(call('string', call('duration', ref('i'), seconds(1n)))), '7s');
  assert.equal(evalOnce(call('string', call('duration', float(2.5), minutes(1n)))), '150s');
  assert.equal(evalOnce(call('string', call('duration', str('90s'), seconds(1n)))), '90s');
  assert.equal(evalOnce(call('duration', seconds(15n))), 15_000_000_000n);
  rejects(() => evalOnce(call('string', call('duration', str('1m')))), 'Failed to handle 1 argument: Cannot call function "duration" with args (1m: string)');
  rejects(() => evalOnce(call('duration', str('x'), seconds(1n))), 'invalid duration string "x"');
});

test('math functions take floats only', () => {
  assert.equal(evalOnce(call('abs', call('float', ref('n')))), 3);
  assert.equal(evalOnce(call('pow', float(2), float(10))), 1024);
  assert.equal(evalOnce(call('hypot', float(3), float(4))), 5);
  assert.equal(evalOnce(call('max', ref('value'), ref('f'))), 10.5);
  assert.equal(evalOnce(call('logb', float(8))), 3);
  assert.equal(evalOnce(call('pow10', int(3n))), 1000);
  assert.equal(evalOnce(call('mod', float(7), float(4))), 3);
  assert.ok(Math.abs((evalOnce(call('yn', int(1n), float(1))) as number) + 0.7812128213002887) < 1e-12);
  rejects(() => evalOnce(call('abs', ref('n'))), 'Cannot call function "abs" with args ("n": int), available signatures are [(float)].');
  rejects(() => evalOnce(call('pow', int(2n), int(3n))), 'with args (2: int,3: int), available signatures are [(float,float)].');
  rejects(() => evalOnce(call('sqrt', float(1), float(2))), 'with args (1: float,2: float)');
});

test('string functions use UTF-8 byte offsets', () => {
  assert.equal(evalOnce(call('strLength', str('héllo'))), 6n);
  assert.equal(evalOnce(call('strIndex', str('héllo'), str('l'))), 3n);
  assert.equal(evalOnce(call('strSubstring', str('héllo'), int(0n), int(3n))), 'hé');
  assert.equal(evalOnce(call('strLastIndex', str('aababa'), str('ba'))), 4n);
  assert.equal(evalOnce(call('strIndexAny', str('aababc'), str('bax'))), 0n);
  assert.equal(evalOnce(call('strLastIndexAny', str('aéa'), str('é'))), 1n);
  assert.equal(evalOnce(call('strCount', str('aababc'), str('a'))), 3n);
  assert.equal(evalOnce(call('strContainsAny', str('aabbc'), str('bx'))), true);
  assert.equal(evalOnce(call('strReplace', str('abxaza'), str('a'), str('z'), int(-1n))), 'zbxzzz');
  assert.equal(evalOnce(call('strReplace', str('abxyzc'), str('xyz'), str(''), int(1n))), 'abc');
  assert.equal(evalOnce(call('strToUpper', str('héllo'))), 'HÉLLO');
  assert.equal(evalOnce(call('strToUpper', str('ß'))), 'ß');
  assert.equal(evalOnce(call('strTrim', str('xxaxx'), str('x'))), 'a');
  assert.equal(evalOnce(call('strTrimLeft', str('aabbaa'), str('a'))), 'bbaa');
  assert.equal(evalOnce(call('strTrimSuffix', str('aabbaa'), str('a'))), 'aabba');
  assert.equal(evalOnce(call('strTrimSpace', str('\u0085 x y \t'))), 'x y');
  rejects(
    () => evalOnce(call('strSubstring', str('abcdefg'), int(0n), int(10n))),
    'error calling "strSubstring": stop index too large for string in strSubstring: 10',
  );
  rejects(
    () => evalOnce(call('strContains', str('aabbc'))),
    'Cannot call function "strContains" with args (aabbc: string), available signatures are [(string,string)].',
  );
});

test('regexReplace expands Go templates', () => {
  const pattern = regex('a(x*)b');
  assert.equal(evalOnce(call('regexReplace', pattern, str('-ab-axxb-'), str('$1'))), '--xx-');
  assert.equal(evalOnce(call('regexReplace', pattern, str('-ab-axxb-'), str('$1W'))), '---');
  assert.equal(evalOnce(call('regexReplace', pattern, str('-ab-axxb-'), str('${1}W'))), '-W-xxW-');
  assert.equal(evalOnce(call('regexReplace', regex('a(?P<mid>x*)b'), str('-ab-axxb-'), str('${mid}W'))), '-W-xxW-');
  assert.equal(evalOnce(call('regexReplace', regex('^server'), ref('host'), str('srv-'))), 'srv-A');
  rejects(() => evalOnce(call('regexReplace', str('a'), str('abc'), str('x'))), 'available signatures are [(regex,string,string)].');
});

test('if, isPresent and humanBytes', () => {
  assert.equal(evalOnce(call('if', bin(ref('i'), '>', int(5n)), str('big'), str('small'))), 'big');
  assert.equal(evalOnce(call('if', bool(false), int(1n), int(2n))), 2n);
  assert.equal(evalOnce(call('isPresent', ref('host'))), true);
  assert.equal(evalOnce(call('isPresent', ref('nope'))), false);
  assert.equal(evalOnce(call('humanBytes', ref('bytes'))), '1.5 kB');
  assert.equal(evalOnce(call('humanBytes', int(82854982n))), '83 MB');
  assert.equal(evalOnce(call('humanBytes', int(0n))), '0 B');
  rejects(() => evalOnce(call('if', ref('i'), int(6n), int(7n))), 'Cannot call function "if" with args ("i": int,6: int,7: int)');
  rejects(() => evalOnce(call('abs', ref('nope'))), 'Cannot call function "abs" argument "nope" is missing, values in scope are []');
  rejects(() => evalOnce(call('hypot', ref('x'), ref('value'))), 'Cannot call function "hypot" argument "x" is missing, values in scope are ["value"]');
  rejects(() => evalOnce(call('nosuch', int(1n))), 'undefined function: "nosuch"');
});

test('time functions read the point time (local time zone)', () => {
  const at = new Date(Number(1_552_657_530_000n));
  assert.equal(evalOnce(call('hour', ref('time'))), BigInt(at.getHours()));
  assert.equal(evalOnce(call('minute', ref('time'))), BigInt(at.getMinutes()));
  assert.equal(evalOnce(call('weekday', ref('time'))), BigInt(at.getDay()));
  assert.equal(evalOnce(call('month', ref('time'))), BigInt(at.getMonth() + 1));
  assert.equal(evalOnce(call('year', ref('time'))), BigInt(at.getFullYear()));
  assert.equal(evalOnce(bin(call('unixNano', call('now')), '>', call('unixNano', ref('time')))), true);
  rejects(() => evalOnce(call('minute', ref('i'))), 'available signatures are [(time)].');
});

test('stateful functions keep state per instance, shared per function name', () => {
  const program = compileLambda(call('sigma', ref('value')));
  assert.equal(program.stateful, true);
  const instance = program.instantiate();
  assert.equal(instance.eval(scope({ value: 1 })), 0);
  assert.ok(Math.abs((instance.eval(scope({ value: 2 })) as number) - Math.SQRT1_2) < 1e-12);
  assert.ok(Math.abs((instance.eval(scope({ value: 4 })) as number) - 1.0910894511799618) < 1e-12);
  assert.equal(program.instantiate().eval(scope({ value: 4 })), 0);

  const counter = compileLambda(call('count')).instantiate();
  counter.eval(scope());
  assert.equal(counter.eval(scope()), 2n);
  assert.equal(
    compileLambda(bin(call('count'), '+', call('count')))
      .instantiate()
      .eval(scope()),
    3n,
  );

  const spread = compileLambda(call('spread', ref('value'))).instantiate();
  for (const value of [1, 5]) spread.eval(scope({ value }));
  assert.equal(spread.eval(scope({ value: 3 })), 4);
  assert.equal(compileLambda(ref('value')).stateful, false);
  rejects(
    () =>
      compileLambda(call('sigma', ref('i')))
        .instantiate()
        .eval(scope()),
    'available signatures are [(float)].',
  );
});
