// Builds the Flux task service from [fluxtask]: its data source (the InfluxDB cluster named by
// default-influxdb), where run points go (task-run-influxdb), and run history retention.
// Returns undefined when Flux tasks are disabled.

import type { Logger } from 'pino';
import type { Config } from '../../config/sections.js';
import type { InfluxDBService } from '../influxdb/service.js';
import type { Store } from '../../storage/store.js';
import { formatPoint } from '../../lineprotocol/format.js';
import { InfluxFluxSource, splitBucket } from '../../flux-runtime/influx-source.js';
import { FluxTaskService } from './service.js';

export async function openFluxTasks(
  store: Store,
  influx: InfluxDBService,
  config: Partial<Config['fluxtask']> | undefined,
  logger: Logger,
): Promise<FluxTaskService | undefined> {
  if (config?.enabled === false) return undefined;
  const cluster = config?.defaultInfluxdb ?? '';
  const source = new InfluxFluxSource(() => {
    if (!influx.hasClusters()) throw new Error('no InfluxDB is configured ([[influxdb]]) for from() and to()');
    return influx.client(cluster);
  });
  const runTarget = config?.taskRunInfluxdb ?? 'none';
  const bucket = splitBucket(config?.taskRunBucket ?? 'kapacitor_fluxtask_logs');
  const service = new FluxTaskService(
    store,
    source,
    {
      runMeasurement: config?.taskRunMeasurement ?? 'runs',
      historyCount: config?.runHistoryCount ?? 1000,
      historyAgeMs: config?.runHistoryAge ?? 7 * 24 * 3_600_000,
      runWriter:
        runTarget === 'none' || runTarget === ''
          ? undefined
          : async (point) => {
              await influx.client(runTarget).write(formatPoint(point), { database: bucket.db, retentionPolicy: bucket.rp || undefined });
            },
    },
    logger,
  );
  await service.open();
  return service;
}
