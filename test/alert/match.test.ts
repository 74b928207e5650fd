import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newEvent } from '../../src/alert/event.js';
import { CRITICAL, WARNING } from '../../src/alert/levels.js';
import { compileMatch, MatchError } from '../../src/alert/match.js';

const event = newEvent({
  topic: 't',
  id: 'cpu',
  state: { message: 'm', details: '', time: 0n, duration: 5_000_000_000n, level: WARNING },
  recoverable: true,
  series: [],
  taskName: 'task1',
  name: 'cpu',
  group: '',
  tags: { host: 'serverA' },
  fields: {},
  category: '',
});

test('match expressions over level, changed, names and tags', () => {
  assert.equal(compileMatch('').matches(event, false), true);
  assert.equal(compileMatch('level() >= WARNING').matches(event, false), true);
  assert.equal(compileMatch('level() == CRITICAL').matches(event, false), false);
  assert.equal(compileMatch('changed() == TRUE').matches(event, true), true);
  assert.equal(compileMatch('changed() == TRUE').matches(event, false), false);
  assert.equal(compileMatch("\"host\" == 'serverA' AND taskName() == 'task1'").matches(event, false), true);
  assert.equal(compileMatch('"host" =~ /^server[B-Z]$/ OR name() != \'cpu\'').matches(event, false), false);
  assert.equal(compileMatch('!(level() < WARNING) AND duration() > 1000').matches(event, false), true);
  assert.equal(compileMatch('level() == CRITICAL').matches({ ...event, state: { ...event.state, level: CRITICAL } }, false), true);
});

test('invalid match expressions are rejected', () => {
  assert.throws(() => compileMatch('level() ==='), MatchError);
  assert.throws(() => compileMatch('nosuch() == 1'), /undefined function nosuch/);
  assert.throws(() => compileMatch('"host" == \'x'), MatchError);
});
