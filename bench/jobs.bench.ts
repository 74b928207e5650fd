// The job engine's hot path: FakeSource -> Sql(filter) -> a counting sink, through the real
// executor (DAG, metrics, batch loop), and FakeSource -> Sql -> LocalFile (CSV) for I/O.
// Reports rows/s read from the source. Run: npm run bench:jobs

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDag } from '../src/jobs/dag.js';
import { JobExecutor } from '../src/jobs/executor.js';
import { parseJobConfig } from '../src/jobs/job-config.js';
import type { PluginCatalogue, SinkFactory } from '../src/jobs/plugin.js';
import { transformFactories } from '../src/jobs/transforms/index.js';
import { fakeSourceFactory } from '../src/integrations/seatunnel/fake-source/source.js';
import { localFileSinkFactory } from '../src/integrations/seatunnel/local-file/sink.js';

let counted = 0;
const countingSink: SinkFactory = {
  name: 'Counting',
  create: () => ({
    open: async () => ({
      write: (batch) => {
        counted += batch.length;
      },
      close: async () => {},
    }),
  }),
};
const catalogue: PluginCatalogue = { sources: [fakeSourceFactory], transforms: transformFactories, sinks: [countingSink, localFileSinkFactory] };
const silent = { info() {}, warn() {}, error() {} };
const ports = { writePoints() {}, subscribePoints: () => () => {} };

async function run(label: string, rows: number, sink: Record<string, unknown>, query: string): Promise<void> {
  const definition = parseJobConfig({
    env: { 'job.mode': 'BATCH' },
    source: [
      {
        plugin_name: 'FakeSource',
        'row.num': rows,
        'split.read-interval': 0,
        'int.max': 100,
        schema: { fields: { id: 'bigint', age: 'int', score: 'double' } },
      },
    ],
    transform: [{ plugin_name: 'Sql', query }],
    sink: [sink],
  });
  counted = 0;
  const executor = new JobExecutor('1', definition, buildDag(definition, catalogue), ports, { log: silent, onStatus() {}, saveCheckpoint: async () => {} });
  const start = process.hrtime.bigint();
  await executor.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (executor.status !== 'FINISHED') throw new Error(`${label}: ${executor.status} ${executor.errorMsg}`);
  if (sink.plugin_name === 'Counting' && counted !== executor.metrics.sinkWriteCount) {
    throw new Error(`${label}: the sink received ${counted} rows, the metrics count ${executor.metrics.sinkWriteCount}`);
  }
  console.log(
    `${label}: ${Math.round(rows / seconds).toLocaleString()} rows/s (${rows.toLocaleString()} rows in ${seconds.toFixed(2)} s, ${executor.metrics.sinkWriteCount.toLocaleString()} written)`,
  );
}

const filter = 'select * from fake where age > 50';
for (let round = 0; round < 3; round++) await run(`round ${round} FakeSource -> Sql(filter) -> counting sink`, 2_000_000, { plugin_name: 'Counting' }, filter);
await run(
  'FakeSource -> Sql(filter, projection) -> counting sink',
  2_000_000,
  { plugin_name: 'Counting' },
  'select id, age * 2 as twice from fake where age > 50',
);
const dir = mkdtempSync(join(tmpdir(), 'jobs-bench-'));
await run('FakeSource -> Sql(filter) -> LocalFile csv', 500_000, { plugin_name: 'LocalFile', path: dir, file_format_type: 'csv' }, filter);
rmSync(dir, { recursive: true, force: true });
