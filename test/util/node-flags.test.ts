import { test } from 'node:test';
import assert from 'node:assert/strict';
import { givenNodeFlag } from '../../src/util/node-flags.js';

test('a flag is read from the command line over NODE_OPTIONS, in either spelling and form', () => {
  assert.equal(givenNodeFlag('max-semi-space-size', ['--max-semi-space-size=4'], undefined), '4');
  assert.equal(givenNodeFlag('max-semi-space-size', ['--max_semi_space_size', '8'], undefined), '8');
  assert.equal(givenNodeFlag('max-semi-space-size', ['--max-semi-space-size=32'], '--max-semi-space-size=2'), '32');
  assert.equal(givenNodeFlag('max-semi-space-size', [], '--max-old-space-size=512 --max-semi-space-size 2'), '2');
  assert.equal(givenNodeFlag('expose-gc', ['--expose-gc', '--max-old-space-size=64'], undefined), '');
  assert.equal(givenNodeFlag('heap-growing-percent', ['--heap-growing-percentage=3'], undefined), undefined, 'another flag with the same start');
  assert.equal(givenNodeFlag('max-semi-space-size', ['--max-old-space-size=512'], '--enable-source-maps'), undefined);
});
