// GET /kapacitor/v1/debug/vars: Kapacitor's expvar document — ids, host, version, task counts,
// the `kapacitor` statistics map and memstats (Node's memory figures under Go's names).

import { hostname as osHostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { KAPACITOR_VERSION } from '../../models/version.js';
import { sendJSON } from '../server.js';

export interface DebugVarsSource {
  clusterId: string;
  serverId: string;
  hostname: string;
  counts(): { tasks: number; enabled: number; subscriptions: number };
  /** Kapacitor's statistics, keyed "name:tags" → {name, tags, values}. */
  statistics(): Record<string, unknown>;
}

export function registerDebugVarsRoutes(app: FastifyInstance, source: DebugVarsSource): void {
  app.get('/kapacitor/v1/debug/vars', async (_request, reply) => {
    const counts = source.counts();
    sendJSON(reply, 200, {
      cluster_id: source.clusterId,
      cmdline: process.argv,
      host: source.hostname || osHostname(),
      kapacitor: source.statistics(),
      memstats: memstats(),
      num_enabled_tasks: counts.enabled,
      num_subscriptions: counts.subscriptions,
      num_tasks: counts.tasks,
      platform: 'Kapacitor',
      product: 'kapacitor',
      server_id: source.serverId,
      version: KAPACITOR_VERSION,
    });
  });
}

function memstats(): Record<string, number> {
  const usage = process.memoryUsage();
  return {
    Alloc: usage.heapUsed,
    Sys: usage.rss,
    HeapAlloc: usage.heapUsed,
    HeapSys: usage.heapTotal,
    HeapInuse: usage.heapUsed,
    HeapIdle: Math.max(0, usage.heapTotal - usage.heapUsed),
    rss: usage.rss,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}
