// Runs a batch task's queries over a past time range, as Kapacitor does for batch recordings
// and /replays/batch: every query node's schedule between start and stop gives query windows;
// each window's answer becomes batches (tmax = the window's stop unless grouped by time).
// Also the one-query variant used by query recordings and /replays/query.

import type { Point, TimeNs } from '../../models/point.js';
import type { Pipeline } from '../../pipeline/types.js';
import { BatchQuery, querySpecFromNode } from '../../influxql/batch-query.js';
import { splitSelect } from '../../influxql/influxql-select.js';
import { resultToBatches, resultToPoints } from '../../influxql/result-batches.js';
import type { InfluxDBService } from '../influxdb/service.js';
import { ZERO_TIME, type RecordedBatch } from '../../recording/recording-files.js';

/** The batches of every query node of a batch task (one list per node, in node order). */
export async function queryTaskBatches(
  influx: InfluxDBService | undefined,
  pipeline: Pipeline,
  start: TimeNs,
  stop: TimeNs,
  now: TimeNs,
): Promise<RecordedBatch[][]> {
  if (pipeline.type !== 'batch') throw new Error('task is not a batch task');
  const queryNodes = pipeline.nodes.filter((n) => n.kind === 'query');
  const queries = queryNodes.map((node) => new BatchQuery(querySpecFromNode(node)));
  if (influx === undefined || !influx.hasClusters()) throw new Error('InfluxDB not configured, cannot record batch query');
  const sources: RecordedBatch[][] = [];
  for (const query of queries) {
    const client = influx.client(query.spec.cluster);
    const batches: RecordedBatch[] = [];
    for (const window of query.windows(start, stop, now)) {
      const results = await client.query(query.text(window.start, window.stop));
      for (const result of results) {
        for (const batch of resultToBatches(result, query.spec.groupByMeasurement)) {
          if (batch.tmax === ZERO_TIME || !query.groupedByTime) batch.tmax = window.stop;
          batches.push(batch);
        }
      }
    }
    sources.push(batches);
  }
  return sources;
}

/** The database and retention policy a fully qualified query reads. */
export function queryDBRP(query: string): { db: string; rp: string } {
  const source = splitSelect(query).sources;
  const first = source.length === 1 ? source[0] : undefined;
  if (first === undefined || first.db === '' || first.rp === '') {
    throw new Error('could not determine database and retention policy. Is the query fully qualified?');
  }
  return { db: first.db, rp: first.rp };
}

export async function queryPoints(influx: InfluxDBService | undefined, query: string, cluster: string): Promise<Point[]> {
  const dbrp = queryDBRP(query);
  if (influx === undefined || !influx.hasClusters()) throw new Error('InfluxDB not configured, cannot record query');
  const results = await influx.client(cluster).query(query);
  const points: Point[] = [];
  for (const result of results) points.push(...resultToPoints(result, dbrp.db, dbrp.rp));
  return points;
}

export async function queryBatches(influx: InfluxDBService | undefined, query: string, cluster: string): Promise<RecordedBatch[]> {
  queryDBRP(query);
  if (influx === undefined || !influx.hasClusters()) throw new Error('InfluxDB not configured, cannot record query');
  const results = await influx.client(cluster).query(query);
  const batches: RecordedBatch[] = [];
  for (const result of results) batches.push(...resultToBatches(result, false));
  return batches;
}
