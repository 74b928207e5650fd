// LocalFile source and sink against real files: text, CSV and JSON in and out, header rows
// skipped, directories read in name order, and sink files rotated every batch_size rows.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runToJsonFile, startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;
let dir: string;

before(async () => {
  server = await startJobsServer();
  dir = mkdtempSync(join(tmpdir(), 'localfile-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const schema = { fields: { name: 'string', age: 'int', score: 'double', ok: 'boolean' } };

test('a CSV file with a header row becomes typed rows, exactly', async () => {
  const input = join(dir, 'people.csv');
  writeFileSync(input, 'name,age,score,ok\nann,31,1.5,true\n"smith, bob",42,,false\n"say ""hi""",7,0.25,true\n');
  const out = join(dir, 'csv-out');
  const rows = await runToJsonFile(server.jobsUrl, out, {
    source: [{ plugin_name: 'LocalFile', path: input, file_format_type: 'csv', skip_header_row_number: 1, schema }],
  });
  assert.deepEqual(rows, [
    { name: 'ann', age: 31, score: 1.5, ok: true },
    { name: 'smith, bob', age: 42, score: null, ok: false },
    { name: 'say "hi"', age: 7, score: 0.25, ok: true },
  ]);
});

test('JSON lines and text (custom delimiter, and whole lines) are read', async () => {
  const jsonFile = join(dir, 'people.json');
  writeFileSync(jsonFile, '{"name":"a","age":"5","score":2,"ok":true,"extra":1}\n{"name":"b","age":6}\n');
  const fromJson = await runToJsonFile(server.jobsUrl, join(dir, 'json-out'), {
    source: [{ plugin_name: 'LocalFile', path: jsonFile, file_format_type: 'json', schema }],
  });
  assert.deepEqual(fromJson, [
    { name: 'a', age: 5, score: 2, ok: true },
    { name: 'b', age: 6, score: null, ok: null },
  ]);

  const textDir = join(dir, 'texts');
  mkdirSync(textDir);
  writeFileSync(join(textDir, 'b.txt'), 'z|3|0.5|false\n');
  writeFileSync(join(textDir, 'a.txt'), 'y|2|1|true\n');
  const fromText = await runToJsonFile(server.jobsUrl, join(dir, 'text-out'), {
    source: [{ plugin_name: 'LocalFile', path: textDir, file_format_type: 'text', field_delimiter: '|', schema }],
  });
  assert.deepEqual(fromText, [
    { name: 'y', age: 2, score: 1, ok: true },
    { name: 'z', age: 3, score: 0.5, ok: false },
  ]);

  const lines = await runToJsonFile(server.jobsUrl, join(dir, 'lines-out'), {
    source: [{ plugin_name: 'LocalFile', path: join(textDir, 'a.txt'), file_format_type: 'text' }],
  });
  assert.deepEqual(lines, [{ content: 'y|2|1|true' }]);
});

test('the sink writes text and CSV, rotating files every batch_size rows', async () => {
  const out = join(dir, 'rotated');
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [
      {
        plugin_name: 'FakeSource',
        rows: [1, 2, 3, 4, 5].map((n) => ({ kind: 'INSERT', fields: [`n${n}`, n] })),
        schema: { fields: { name: 'string', n: 'int' } },
      },
    ],
    sink: [{ plugin_name: 'LocalFile', path: out, file_format_type: 'csv', batch_size: 2, enable_header_write: true }],
  });
  await waitForStatus(server.jobsUrl, jobId, ['FINISHED']);
  const files = readdirSync(out).sort();
  assert.deepEqual(files, [`T_${jobId}_0_0.csv`, `T_${jobId}_0_1.csv`, `T_${jobId}_0_2.csv`]);
  assert.deepEqual(
    files.map((f) => readFileSync(join(out, f), 'utf8')),
    ['name,n\nn1,1\nn2,2\n', 'name,n\nn3,3\nn4,4\n', 'name,n\nn5,5\n'],
  );

  const textOut = join(dir, 'text-sink');
  const textJob = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [{ plugin_name: 'FakeSource', rows: [{ kind: 'INSERT', fields: ['a', 1] }], schema: { fields: { name: 'string', n: 'int' } } }],
    sink: [{ plugin_name: 'LocalFile', path: textOut, file_format_type: 'text', file_name_expression: 'out' }],
  });
  await waitForStatus(server.jobsUrl, textJob, ['FINISHED']);
  assert.equal(readFileSync(join(textOut, 'out_0.txt'), 'utf8'), 'a\u00011\n');
});

test('a missing input file fails the job with the path in errorMsg', async () => {
  const jobId = await submitJob(server.jobsUrl, {
    env: { 'job.mode': 'BATCH' },
    source: [{ plugin_name: 'LocalFile', path: join(dir, 'nope.csv'), file_format_type: 'csv', schema }],
    sink: [{ plugin_name: 'Console' }],
  });
  const info = await waitForStatus(server.jobsUrl, jobId, ['FAILED', 'FINISHED']);
  assert.equal(info.jobStatus, 'FAILED');
  assert.match(info.errorMsg, /nope\.csv does not exist/);
});
