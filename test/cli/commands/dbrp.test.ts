import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDbrp } from '../../../src/cli/commands/dbrp.js';

test('plain and quoted db.rp pairs', () => {
  assert.deepEqual(parseDbrp('telegraf.autogen'), { db: 'telegraf', rp: 'autogen' });
  assert.deepEqual(parseDbrp('"tele.graf"."auto.gen"'), { db: 'tele.graf', rp: 'auto.gen' });
  assert.deepEqual(parseDbrp('"a\\"b".rp'), { db: 'a"b', rp: 'rp' });
  assert.deepEqual(parseDbrp('db.rp.with.dots'), { db: 'db', rp: 'rp.with.dots' });
});

test("malformed pairs are refused with Kapacitor's reasons", () => {
  assert.throws(() => parseDbrp(''), { message: 'dbrp cannot be empty' });
  assert.throws(() => parseDbrp('telegraf'), { message: 'does not contain a \'.\', it must be in the form "dbname"."rpname" where the quotes are optional.' });
  assert.throws(() => parseDbrp('"db"rp'), { message: "dbrp must specify retention policy, do you have a missing or extra '.'?" });
});
