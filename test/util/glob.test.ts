import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, globMatch, GlobPatternError } from '../../src/util/glob.js';

// Cases in the spirit of Go's path.Match table.
const cases: Array<[string, string, boolean]> = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', 'a', false],
  ['*x', 'xxx', true],
  ['', '', true],
  ['', 'a', false],
  ['cpu_*', 'cpu_alert', true],
  ['cpu_*', 'mem_alert', false],
  ['[z-a]', 'm', false],
];

test('compileGlob follows path.Match for well-formed patterns', () => {
  for (const [pattern, name, expected] of cases) {
    assert.equal(compileGlob(pattern)(name), expected, `${pattern} vs ${name}`);
  }
});

test('malformed patterns throw ErrBadPattern at compile time', () => {
  for (const pattern of ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', 'ab[', '*x[', 'a*[', '[^]', 'x\\']) {
    assert.throws(
      () => compileGlob(pattern),
      (error: unknown) => {
        assert.ok(error instanceof GlobPatternError, pattern);
        assert.equal(error.message, 'syntax error in pattern');
        return true;
      },
      pattern,
    );
  }
});

test('a compiled matcher is reusable and globMatch is the one-shot form', () => {
  const match = compileGlob('task_?');
  assert.deepEqual(['task_1', 'task_22', 'task_x', 'task_/'].map(match), [true, false, true, false]);
  assert.equal(globMatch('*.tick', 'cpu.tick'), true);
  assert.equal(globMatch('*.tick', 'dir/cpu.tick'), false);
});

test('a trailing star accepts any rest without a slash, including nothing', () => {
  const match = compileGlob('a**');
  assert.equal(match('a'), true);
  assert.equal(match('abc'), true);
  assert.equal(match('ab/c'), false);
});
