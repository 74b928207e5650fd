// Template variables: listing a script's vars in Kapacitor's JSON shape and converting
// user-supplied vars with type validation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listTemplateVars } from '../../src/pipeline/build.js';
import { userVarValue, varJSONValue } from '../../src/pipeline/template-vars.js';
import { formatGoDuration } from '../../src/gofmt/duration.js';
import { bin, declare, declareType, dur, float, from, int, lambda, program, ref, str } from './ast-builders.js';

test('typed and plain declarations are listed; nodes are not', () => {
  const vars = listTemplateVars(
    program(
      declareType('field', 'string'),
      declare('x', int(5), 'Threshold count'),
      declare('period', dur('10s')),
      declare('t', float(1.5)),
      declare('crit', lambda(bin('>', ref('v'), int(2)))),
      declare('s', from('stream').chain('from').prop('measurement', str('cpu')).node),
    ),
  );
  assert.deepEqual(vars, {
    field: { type: 'string', value: null, description: '' },
    x: { type: 'int', value: 5, description: 'Threshold count' },
    period: { type: 'duration', value: '10s', description: '' },
    t: { type: 'float', value: 1.5, description: '' },
    crit: { type: 'lambda', value: '"v" > 2', description: '' },
  });
});

test('user vars are converted by type and wrong values refused', () => {
  assert.equal(userVarValue('x', { type: 'int', value: 4 }), 4n);
  assert.equal(userVarValue('f', { type: 'float', value: 4 }), 4);
  assert.deepEqual(userVarValue('d', { type: 'duration', value: '1m' }), { kind: 'duration', ns: 60_000_000_000n, literal: '1m' });
  assert.deepEqual(userVarValue('l', { type: 'list', value: [{ type: 'string', value: 'a' }, { type: 'star' }] }), ['a', { kind: 'star' }]);
  assert.throws(() => userVarValue('x', { type: 'int', value: 'four' }), /invalid var x: expected value of type int, got string/);
  assert.throws(() => userVarValue('b', { type: 'bool', value: 1 }), /invalid var b: expected value of type bool, got float64/);
  assert.throws(() => userVarValue('z', { type: 'nope', value: 1 }), /unknown var type "nope"/);
});

test('lambda vars are bare expressions, shown back in canonical form', () => {
  const value = userVarValue('crit', { type: 'lambda', value: '("v">2)  AND "w"<3' });
  assert.ok(typeof value === 'object' && !Array.isArray(value) && value.kind === 'lambda');
  assert.equal(varJSONValue(value), '("v" > 2) AND "w" < 3');
  assert.throws(
    () => userVarValue('crit', { type: 'lambda', value: 'lambda: "v" > 2' }),
    /^TickEvalError: invalid var crit: invalid lambda expression: parser: unexpected lambda line 1 char 1/,
  );
});

test('Go duration formatting', () => {
  assert.deepEqual([0n, 1500n, 1_000_000_000n, 60_000_000_000n, 5_400_000_000_000n, 2_500_000n].map(formatGoDuration), [
    '0s',
    '1.5µs',
    '1s',
    '1m0s',
    '1h30m0s',
    '2.5ms',
  ]);
});
