// Go RE2 regexes: linear-time matching of patterns that make backtracking engines explode,
// Go's syntax and error texts, ReplaceAllString expansion. The test timeouts are the bound: a
// backtracking engine needs longer than the age of the universe for these inputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoRegex } from '../../../src/tick/lambda/regex.js';
import { compileMatch } from '../../../src/alert/match.js';
import { newEvent } from '../../../src/alert/event.js';
import { WARNING } from '../../../src/alert/levels.js';

const EVIL_INPUT = `${'a'.repeat(100_000)}!`;

test('catastrophic patterns run in linear time', { timeout: 10_000 }, () => {
  for (const pattern of ['(a+)+$', '(a|aa)+$', '(a*)*b', '^(a|a?)+$', '(.*a){20}$']) {
    assert.equal(new GoRegex(pattern).test(EVIL_INPUT), false, pattern);
  }
  assert.equal(new GoRegex('(a+)+!$').test(EVIL_INPUT), true);
});

test('Go syntax: \\A \\z, (?P<name>), POSIX classes, ASCII \\s, flags', () => {
  assert.equal(new GoRegex('\\Aab\\z').test('ab'), true);
  assert.equal(new GoRegex('(?P<word>[[:alpha:]]+)').test('abc'), true);
  assert.equal(new GoRegex('\\s').test('\u00a0'), false);
  assert.equal(new GoRegex('(?i)ABC').test('abc'), true);
  assert.equal(new GoRegex('a.b').test('a\nb'), false);
  assert.equal(new GoRegex('(?s)a.b').test('a\nb'), true);
  assert.equal(new GoRegex('\\Qa.b\\E').test('axb'), false);
});

test("pattern errors carry Go's texts", () => {
  const cases: Array<[string, string]> = [
    ['a(', 'error parsing regexp: missing closing ): `a(`'],
    ['a)', 'error parsing regexp: unexpected ): `a)`'],
    ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['*', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['\\8', 'error parsing regexp: invalid escape sequence: `\\8`'],
    ['(?=a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ];
  for (const [pattern, message] of cases) assert.throws(() => new GoRegex(pattern), { message }, pattern);
});

test('ReplaceAllString expands $1, ${name} and $$ as Go does', () => {
  assert.equal(new GoRegex('(?P<x>a)(b)?').replaceAll('xabyaz', '[${x}|$2|$$]'), 'x[a|b|$]y[a||$]z');
  assert.equal(new GoRegex('a*').replaceAll('baaac', '-'), '-b-c-');
  assert.equal(new GoRegex('').replaceAll('héllo', '.'), '.h.é.l.l.o.');
});

test('topic-handler match expressions use the same engine', { timeout: 10_000 }, () => {
  const event = newEvent({
    topic: 't',
    id: 'cpu',
    state: { message: 'm', details: '', time: 0n, duration: 0n, level: WARNING },
    recoverable: true,
    series: [],
    taskName: 'task1',
    name: 'cpu',
    group: '',
    tags: { host: EVIL_INPUT },
    fields: {},
    category: '',
  });
  assert.equal(compileMatch('"host" =~ /(a+)+$/').matches(event, false), false);
  assert.equal(compileMatch('"host" =~ /(a+)+!$/').matches(event, false), true);
  assert.throws(() => compileMatch('"host" =~ /a(/'), /missing closing \)/);
});
