import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goJSONEscape } from '../../src/gofmt/json-escape.js';

test('goJSONEscape adds the escapes encoding/json writes: HTML characters and the line separators', () => {
  assert.equal(goJSONEscape(JSON.stringify({ a: '<b> & c\u2028d\u2029' })), '{"a":"\\u003cb\\u003e \\u0026 c\\u2028d\\u2029"}');
  const plain = JSON.stringify({ a: 'nothing to escape "here"' });
  assert.equal(goJSONEscape(plain), plain);
});
