import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertState } from '../../src/alert/alert-state.js';
import { CRITICAL, OK, WARNING, type Level } from '../../src/alert/levels.js';

const S = 1_000_000_000n;

test('changed, triggered and duration follow the level history', () => {
  const state = new AlertState({ history: 21, flapping: undefined, stateChangesInterval: 0n });
  state.addEvent(0n, CRITICAL);
  assert.equal(state.changed, true);
  state.triggered(0n);
  assert.equal(state.duration(), 0n);
  state.addEvent(2n * S, WARNING);
  state.triggered(2n * S);
  assert.equal(state.duration(), 2n * S);
  assert.equal(state.previousLevel(), CRITICAL);
  state.addEvent(3n * S, WARNING);
  assert.equal(state.changed, false);
  state.addEvent(4n * S, OK);
  state.triggered(4n * S);
  assert.equal(state.duration(), 4n * S);
  state.addEvent(5n * S, WARNING);
  state.triggered(5n * S);
  assert.equal(state.duration(), 0n, 'a trigger right after OK starts a new duration');
});

test('stateChangesOnly interval expires unchanged states', () => {
  const state = new AlertState({ history: 2, flapping: undefined, stateChangesInterval: 10n * S });
  state.addEvent(0n, CRITICAL);
  state.triggered(0n);
  state.addEvent(5n * S, CRITICAL);
  assert.equal(state.expired, false);
  state.addEvent(10n * S, CRITICAL);
  assert.equal(state.expired, true);
});

test('flapping starts above high and stops below low', () => {
  const state = new AlertState({ history: 6, flapping: { low: 0.2, high: 0.5 }, stateChangesInterval: 0n });
  const levels: Level[] = [OK, CRITICAL, OK, CRITICAL, OK, CRITICAL];
  levels.forEach((level, i) => state.addEvent(BigInt(i) * S, level));
  assert.equal(state.flapping, true);
  assert.ok(state.percentChange() > 0.5);
  for (let i = 0; i < 6; i++) state.addEvent(BigInt(10 + i) * S, CRITICAL);
  assert.equal(state.flapping, false);
  assert.equal(state.percentChange(), 0);
});

test('restore puts a kept level back with its start time', () => {
  const state = new AlertState({ history: 21, flapping: undefined, stateChangesInterval: 0n });
  state.restore(CRITICAL, 5n * S, 8n * S);
  assert.equal(state.currentLevel(), CRITICAL);
  state.addEvent(9n * S, OK);
  state.triggered(9n * S);
  assert.equal(state.changed, true);
  assert.equal(state.duration(), 4n * S);
});
