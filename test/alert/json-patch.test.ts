import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyJsonPatch, JsonPatchError } from '../../src/alert/json-patch.js';

test('add, replace, remove, move, copy and test operations', () => {
  const doc = { id: 'h', options: { url: 'a', headers: { x: '1' } }, list: [1, 2] };
  const out = applyJsonPatch(doc, [
    { op: 'replace', path: '/options/url', value: 'b' },
    { op: 'add', path: '/options/headers/y', value: '2' },
    { op: 'remove', path: '/options/headers/x' },
    { op: 'add', path: '/list/-', value: 3 },
    { op: 'copy', from: '/id', path: '/copy' },
    { op: 'move', from: '/copy', path: '/moved' },
    { op: 'test', path: '/moved', value: 'h' },
  ]);
  assert.deepEqual(out, { id: 'h', options: { url: 'b', headers: { y: '2' } }, list: [1, 2, 3], moved: 'h' });
  assert.equal(doc.options.url, 'a', 'input untouched');
});

test('bad patches throw', () => {
  assert.throws(() => applyJsonPatch({}, { op: 'add' }), JsonPatchError);
  assert.throws(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), /test failed/);
  assert.throws(() => applyJsonPatch({}, [{ op: 'remove', path: '/missing' }]), /does not exist/);
  assert.throws(() => applyJsonPatch({}, [{ op: 'nope', path: '/a' }]), /unknown patch operation/);
});
