// GET /kapacitor/v1/cluster (the members, whether they are alive, when they were last heard
// from and the tasks each runs) and, in cluster mode, the proxy that answers a task's view and
// its httpOut endpoints from the node that runs it. A proxied request carries a header so it
// is never proxied twice.

import type { FastifyInstance } from 'fastify';

export interface ClusterView {
  nodes(): Array<{ id: string; url: string; alive: boolean; lastSeen: Date; tasks: string[] }>;
  /** The URL of the live node running a task, when it is not this one. */
  remoteOwnerUrl(taskId: string): string | undefined;
}

const PROXIED = 'x-kapacitor-cluster-proxied';
const TASK_PATH = /^\/kapacitor\/v1\/tasks\/([^/?]+)(?:\/[^/?]+)?(?:\?.*)?$/;

export function registerClusterRoutes(app: FastifyInstance, cluster: ClusterView): void {
  app.get('/kapacitor/v1/cluster', async () => ({
    nodes: cluster.nodes().map((n) => ({ id: n.id, url: n.url, alive: n.alive, lastSeen: n.lastSeen.toISOString(), tasks: n.tasks })),
  }));

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.headers[PROXIED] !== undefined) return;
    const match = TASK_PATH.exec(request.url);
    if (match === null) return;
    let taskId: string;
    try {
      taskId = decodeURIComponent(match[1]!);
    } catch {
      return;
    }
    const target = cluster.remoteOwnerUrl(taskId);
    if (target === undefined) return;
    let response: Response;
    try {
      response = await fetch(target.replace(/\/+$/, '') + request.url, {
        headers: { [PROXIED]: '1', ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) },
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      return; // the owner is unreachable: answer from here
    }
    const body = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type');
    if (type !== null) reply.header('content-type', type);
    return reply.code(response.status).send(body);
  });
}
