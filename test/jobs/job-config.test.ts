// Job configurations to DAGs: env options, table wiring by result_table_name /
// source_table_name and the newer plugin_output / plugin_input, SeaTunnel's graph checks,
// the jobDag document, and row types from schema.fields.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDag } from '../../src/jobs/dag.js';
import { parseJobConfig } from '../../src/jobs/job-config.js';
import { parseDataType, parseRowType } from '../../src/jobs/row-type.js';
import { defaultCatalogue } from '../../src/services/jobs/catalogue.js';

const fake = (extra: Record<string, unknown>) => ({ plugin_name: 'FakeSource', schema: { fields: { a: 'int', b: 'string' } }, ...extra });

test('env options: job.mode, parallelism, checkpoint.interval, job.name', () => {
  const job = parseJobConfig({
    env: { 'job.mode': 'streaming', parallelism: 2, 'checkpoint.interval': 5000, 'job.name': 'j' },
    source: [fake({})],
    sink: [{ plugin_name: 'Console' }],
  });
  assert.deepEqual([job.mode, job.parallelism, job.checkpointIntervalMs, job.jobName], ['STREAMING', 2, 5000, 'j']);
  const defaults = parseJobConfig({ source: [fake({})], sink: [{ plugin_name: 'Console' }] });
  assert.deepEqual([defaults.mode, defaults.parallelism, defaults.jobName], ['BATCH', 1, 'SeaTunnel']);
  assert.throws(
    () => parseJobConfig({ env: { 'job.mode': 'sometimes' }, source: [fake({})], sink: [{ plugin_name: 'Console' }] }),
    /No enum constant .*JobMode\.SOMETIMES/,
  );
});

test('a complex graph is wired by plugin_output / plugin_input and described as jobDag', () => {
  const job = parseJobConfig({
    env: {},
    source: [fake({ plugin_output: 'left' }), fake({ result_table_name: 'right' })],
    transform: [
      { plugin_name: 'Sql', plugin_input: 'mid', plugin_output: 'final', query: 'select a from mid' },
      { plugin_name: 'Filter', plugin_input: ['left'], plugin_output: 'mid', include_fields: ['a', 'b'] },
    ],
    sink: [
      { plugin_name: 'Console', plugin_input: 'final' },
      { plugin_name: 'Console', source_table_name: 'right' },
    ],
  });
  const dag = buildDag(job, defaultCatalogue());
  assert.deepEqual(
    dag.transforms.map((t) => t.config.name),
    ['Filter', 'Sql'],
    'transforms run after what they read',
  );
  const doc = dag.document('9');
  assert.deepEqual(
    doc.vertexInfoMap.map((v) => [v.vertexId, v.type, v.vertexName, v.tablePaths]),
    [
      [1, 'source', 'Source[0]-FakeSource', ['left']],
      [2, 'source', 'Source[1]-FakeSource', ['right']],
      [3, 'transform', 'Transform[1]-Filter', ['mid']],
      [4, 'transform', 'Transform[0]-Sql', ['final']],
      [5, 'sink', 'Sink[0]-Console', ['final']],
      [6, 'sink', 'Sink[1]-Console', ['right']],
    ],
  );
  assert.deepEqual(
    doc.pipelineEdges['1']!.map((e) => `${e.inputVertexId}->${e.targetVertexId}`),
    ['1->3', '3->4', '4->5', '2->6'],
  );
  assert.deepEqual(dag.transforms[1]!.plugin.rowType.names, ['a']);
});

test('a simple graph is wired in order whatever its table names say', () => {
  const job = parseJobConfig({
    source: [fake({ result_table_name: 'x' })],
    transform: [{ plugin_name: 'Filter', source_table_name: 'y', include_fields: ['b'] }],
    sink: [{ plugin_name: 'Console', source_table_name: 'z' }],
  });
  const dag = buildDag(job, defaultCatalogue());
  assert.deepEqual(dag.sinks[0]!.inputs, [dag.transforms[0]!.id]);
});

test("SeaTunnel's graph checks", () => {
  const two = [fake({ result_table_name: 'a' }), fake({ result_table_name: 'a' })];
  assert.throws(
    () =>
      parseJobConfig({
        source: two,
        sink: [
          { plugin_name: 'Console', source_table_name: 'a' },
          { plugin_name: 'Console', source_table_name: 'a' },
        ],
      }),
    /The value of the 'result_table_name' option of the \(FakeSource and FakeSource\) plugins is both 'a', and they must be different\./,
  );
  assert.throws(
    () => parseJobConfig({ source: [fake({}), fake({ result_table_name: 'b' })], sink: [{ plugin_name: 'Console', source_table_name: 'b' }] }),
    /The source\/transform\(FakeSource\) is not configured with 'result_table_name' option/,
  );
  assert.throws(() => parseJobConfig('x'), /Invalid JSON format in request body\./);
});

test('row types from schema.fields', () => {
  assert.deepEqual(parseDataType('decimal(10, 2)'), { kind: 'decimal', precision: 10, scale: 2 });
  assert.deepEqual(parseDataType('array<int>'), { kind: 'array', element: { kind: 'int' } });
  assert.deepEqual(parseDataType('map<string, array<double>>'), {
    kind: 'map',
    key: { kind: 'string' },
    value: { kind: 'array', element: { kind: 'double' } },
  });
  const nested = parseRowType({
    id: 'bigint',
    c_row: { c_map: 'map<string,string>', c_ts: 'timestamp' },
    t: 'time',
    d: 'date',
    ok: 'boolean',
    raw: 'bytes',
    tiny: 'tinyint',
    small: 'smallint',
    f: 'float',
    n: 'null',
  });
  assert.deepEqual(nested.names, ['id', 'c_row', 't', 'd', 'ok', 'raw', 'tiny', 'small', 'f', 'n']);
  assert.deepEqual(nested.types[1], {
    kind: 'row',
    row: { names: ['c_map', 'c_ts'], types: [{ kind: 'map', key: { kind: 'string' }, value: { kind: 'string' } }, { kind: 'timestamp' }] },
  });
  assert.throws(() => parseDataType('uuid', 'f'), /Unsupported data type of field 'f': uuid/);
});
