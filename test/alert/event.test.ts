// Go's JSON string form for alert data: HTML characters and the JS line separators escaped,
// the same answer whether a string's JSON was kept from an earlier event or not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goJSONString } from '../../src/alert/event.js';

test('goJSONString escapes <, >, &, U+2028 and U+2029 as encoding/json does, kept or not', () => {
  for (let round = 0; round < 2; round++) {
    assert.equal(goJSONString('a<b>&c'), '"a\\u003cb\\u003e\\u0026c"');
    assert.equal(goJSONString('line\u2028sep\u2029'), '"line\\u2028sep\\u2029"');
    assert.equal(goJSONString('plain "quoted" \\ text\n'), JSON.stringify('plain "quoted" \\ text\n'));
    const long = `${'x'.repeat(100)}<tail>`;
    assert.equal(goJSONString(long), `"${'x'.repeat(100)}\\u003ctail\\u003e"`);
  }
  // More distinct strings than are kept: every answer is still right.
  for (let i = 0; i < 10_000; i++) assert.equal(goJSONString(`host${i}&`), `"host${i}\\u0026"`);
  assert.equal(goJSONString('a<b>&c'), '"a\\u003cb\\u003e\\u0026c"');
});
