// Transforms in real jobs (FakeSource rows -> transforms -> JSON LocalFile sink), compared
// row for row: Sql, FieldMapper, Filter, FilterRowKind, Replace, Copy, Split, and a chain.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runToJsonFile, startJobsServer, type JobsTestServer } from '../support/jobs-server.js';

let server: JobsTestServer;
let dir: string;
let n = 0;

before(async () => {
  server = await startJobsServer();
  dir = mkdtempSync(join(tmpdir(), 'transforms-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const source = {
  plugin_name: 'FakeSource',
  result_table_name: 'people',
  rows: [
    { kind: 'INSERT', fields: ['ann', 31, 'a-b-c'] },
    { kind: 'UPDATE_BEFORE', fields: ['bob', 17, 'x'] },
    { kind: 'UPDATE_AFTER', fields: ['bob', 18, 'x-y'] },
    { kind: 'DELETE', fields: ['cid', 65, ''] },
  ],
  schema: { fields: { name: 'string', age: 'int', path: 'string' } },
};

const run = (transform: unknown[], sinkInput?: string) => runToJsonFile(server.jobsUrl, join(dir, `out${n++}`), { source: [source], transform, sinkInput });

test('Sql filters and computes', async () => {
  assert.deepEqual(
    await run([
      {
        plugin_name: 'Sql',
        source_table_name: 'people',
        result_table_name: 'q',
        query: "select UPPER(name) as name, age * 2 as twice from people where age > 17 and name <> 'cid'",
      },
    ]),
    [
      { name: 'ANN', twice: 62 },
      { name: 'BOB', twice: 36 },
    ],
  );
});

test('FieldMapper renames and reorders; Filter keeps or drops fields', async () => {
  assert.deepEqual((await run([{ plugin_name: 'FieldMapper', field_mapper: { age: 'years', name: 'who' } }]))[0], { years: 31, who: 'ann' });
  assert.deepEqual(
    (await run([{ plugin_name: 'Filter', include_fields: ['age'] }])).map((r) => r.age),
    [31, 17, 18, 65],
  );
  assert.deepEqual((await run([{ plugin_name: 'Filter', exclude_fields: ['age', 'path'] }]))[0], { name: 'ann' });
});

test('FilterRowKind keeps or drops row kinds', async () => {
  assert.deepEqual(
    (await run([{ plugin_name: 'FilterRowKind', include_kinds: ['INSERT', 'UPDATE_AFTER'] }])).map((r) => r.name),
    ['ann', 'bob'],
  );
  assert.deepEqual(
    (await run([{ plugin_name: 'FilterRowKind', exclude_kinds: ['DELETE'] }])).map((r) => r.age),
    [31, 17, 18],
  );
});

test('Replace (plain, regex, first only), Copy and Split', async () => {
  assert.deepEqual(
    (await run([{ plugin_name: 'Replace', replace_field: 'path', pattern: '-', replacement: '/' }])).map((r) => r.path),
    ['a/b/c', 'x', 'x/y', ''],
  );
  assert.deepEqual(
    (await run([{ plugin_name: 'Replace', replace_field: 'name', pattern: '[aeiou]', replacement: '_', is_regex: true, replace_first: true }])).map(
      (r) => r.name,
    ),
    ['_nn', 'b_b', 'b_b', 'c_d'],
  );
  assert.deepEqual((await run([{ plugin_name: 'Copy', fields: { name2: 'name', age2: 'age' } }]))[0], {
    name: 'ann',
    age: 31,
    path: 'a-b-c',
    name2: 'ann',
    age2: 31,
  });
  assert.deepEqual((await run([{ plugin_name: 'Copy', src_field: 'age', dest_field: 'a' }]))[1], { name: 'bob', age: 17, path: 'x', a: 17 });
  assert.deepEqual(
    (await run([{ plugin_name: 'Split', separator: '-', split_field: 'path', output_fields: ['p1', 'p2'] }])).map((r) => [r.p1, r.p2]),
    [
      ['a', 'b'],
      ['x', null],
      ['x', 'y'],
      ['', null],
    ],
  );
});

test('a chain of transforms wired by table names', async () => {
  const rows = await run(
    [
      { plugin_name: 'FilterRowKind', source_table_name: 'people', result_table_name: 'live', exclude_kinds: ['DELETE', 'UPDATE_BEFORE'] },
      { plugin_name: 'Split', source_table_name: 'live', result_table_name: 'split', separator: '-', split_field: 'path', output_fields: ['head'] },
      {
        plugin_name: 'Sql',
        source_table_name: 'split',
        result_table_name: 'out',
        query: "select name, CASE WHEN age >= 18 THEN 'adult' ELSE 'minor' END as grp, head from split",
      },
    ],
    'out',
  );
  assert.deepEqual(rows, [
    { name: 'ann', grp: 'adult', head: 'a' },
    { name: 'bob', grp: 'adult', head: 'x' },
  ]);
});
