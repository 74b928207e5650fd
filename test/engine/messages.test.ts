// Unit tests of group ids, group tags and dimension sharing: the per-series state every
// grouping node keeps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupIdOf, groupTags } from '../../src/engine/messages.js';
import { Grouper, groupSpec } from '../../src/engine/group-by.js';

test("group ids are Kapacitor's: sorted dimensions, measurement line when grouped by name", () => {
  const tags = { host: 'a', region: 'west', cpu: 'cpu0' };
  assert.equal(groupIdOf('m', tags, { byName: false, tagNames: ['cpu', 'host'] }), 'cpu=cpu0,host=a');
  assert.equal(groupIdOf('m', tags, { byName: true, tagNames: ['host'] }), 'm\nhost=a');
  assert.equal(groupIdOf('m', tags, { byName: true, tagNames: [] }), 'm');
  assert.equal(groupIdOf('m', tags, { byName: false, tagNames: [] }), '');
  assert.equal(groupIdOf('m', tags, { byName: false, tagNames: ['missing'] }), 'missing=');
});

test("group tags: the series' own frozen tags when they are exactly the dimensions, else a copy with every dimension", () => {
  const all = Object.freeze({ cpu: 'cpu0', host: 'a' });
  assert.equal(groupTags(all, { byName: false, tagNames: ['cpu', 'host'] }), all);
  const copy = groupTags(all, { byName: false, tagNames: ['host'] });
  assert.deepEqual(copy, { host: 'a' });
  assert.deepEqual(groupTags(all, { byName: false, tagNames: ['host', 'zone'] }), { host: 'a', zone: '' });
  // not frozen (may change later) or in another order: copied
  const open = { cpu: 'cpu0', host: 'a' };
  assert.notEqual(groupTags(open, { byName: false, tagNames: ['cpu', 'host'] }), open);
  const reordered = Object.freeze({ host: 'a', cpu: 'cpu0' });
  const sorted = groupTags(reordered, { byName: false, tagNames: ['cpu', 'host'] });
  assert.notEqual(sorted, reordered);
  assert.deepEqual(Object.keys(sorted), ['cpu', 'host']);
});

test('groupBy(*) shares one dimensions object among series with the same tag names', () => {
  const grouper = new Grouper(groupSpec(['*'], ['skip'], false));
  const a = grouper.dimensionsOf('m', Object.freeze({ host: 'a', cpu: '0', skip: 'x' }));
  const b = grouper.dimensionsOf('m', Object.freeze({ cpu: '1', host: 'b', skip: 'y' }));
  const c = grouper.dimensionsOf('m', Object.freeze({ host: 'c' }));
  assert.equal(a.dimensions, b.dimensions);
  assert.deepEqual(a.dimensions.tagNames, ['cpu', 'host']);
  assert.equal(a.group, 'cpu=0,host=a');
  assert.equal(b.group, 'cpu=1,host=b');
  assert.notEqual(c.dimensions, a.dimensions);
  assert.deepEqual(c.dimensions.tagNames, ['host']);
});
