// k8sAutoscale end to end: a real server with a [[kubernetes]] cluster pointing at a local
// API server that serves the scale subresource; points written over HTTP make the task read
// the scale, replace it with the new replica count (bearer token sent), and emit old/new.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineTask, httpOut, startPeer, startServerWith, until, write, type PeerRequest } from './support.js';

function scale(namespace: string, name: string, replicas: number, version: number): string {
  return JSON.stringify({
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, resourceVersion: String(version) },
    spec: { replicas },
    status: { replicas },
  });
}

test('k8sAutoscale scales deployments and replication controllers through the scale subresource', async () => {
  const replicas: Record<string, number> = {
    '/apis/apps/v1/namespaces/prod/deployments/web/scale': 2,
    '/api/v1/namespaces/default/replicationcontrollers/legacy/scale': 5,
  };
  let version = 1;
  const peer = await startPeer((req: PeerRequest) => {
    const current = replicas[req.url];
    if (current === undefined)
      return { status: 404, body: JSON.stringify({ kind: 'Status', status: 'Failure', message: `"${req.url}" not found`, code: 404 }) };
    const [, , , ns, , name] = req.url.replace('/api/v1', '/apis/v1/v1').split('/').slice(1);
    if (req.method === 'PUT') replicas[req.url] = (JSON.parse(req.body) as { spec: { replicas: number } }).spec.replicas;
    return { body: scale(ns!, name!, replicas[req.url]!, version++) };
  });
  const server = await startServerWith(`[[kubernetes]]\n  enabled = true\n  id = "k"\n  api-servers = ["${peer.url}"]\n  token = "s3cret"\n`);
  try {
    let reply = await defineTask(
      server,
      'web',
      `stream|from().measurement('load').where(lambda: "app" == 'web')
        |k8sAutoscale().cluster('k').namespace('prod').resourceName('web').currentField('current').max(8)
          .replicas(lambda: "current" + int("queue" / 10.0))
        |httpOut('events')`,
    );
    assert.equal(reply.status, 200, reply.text);
    reply = await defineTask(
      server,
      'legacy',
      `stream|from().measurement('load').where(lambda: "app" == 'legacy')
        |k8sAutoscale().cluster('k').kind('replicationcontrollers').resourceName('legacy').replicas(lambda: "want")
        |httpOut('events')`,
    );
    assert.equal(reply.status, 200, reply.text);
    await write(server, 'load,app=web queue=25 10\nload,app=legacy want=3i 10');
    await until(() => peer.requests.filter((r) => r.method === 'PUT').length === 2);
    await write(server, 'load,app=web queue=100 20');
    await until(() => peer.requests.filter((r) => r.method === 'PUT').length === 3);

    const web = peer.requests.filter((r) => r.url.startsWith('/apis/apps/v1/namespaces/prod/deployments/web/scale'));
    assert.deepEqual(
      web.map((r) => r.method),
      ['GET', 'GET', 'PUT', 'GET', 'PUT'],
    );
    for (const r of peer.requests) assert.equal(r.headers.authorization, 'Bearer s3cret');
    const put = JSON.parse(web[2]!.body) as { spec: { replicas: number }; metadata: { resourceVersion: string } };
    assert.equal(put.spec.replicas, 4);
    assert.ok(put.metadata.resourceVersion !== '', 'the update carries the version it read');
    assert.equal(JSON.parse(web[4]!.body).spec.replicas, 8, 'clamped to max(8)');
    assert.equal(replicas['/api/v1/namespaces/default/replicationcontrollers/legacy/scale'], 3);

    await until(async () => (await httpOut(server, 'web', 'events')).series?.[0]?.values[0]?.[0] === '1970-01-01T00:00:20Z');
    const events = await httpOut(server, 'web', 'events');
    assert.deepEqual(events.series, [
      {
        name: 'load',
        tags: { kind: 'deployments', namespace: 'prod', resource: 'web' },
        columns: ['time', 'new', 'old'],
        values: [['1970-01-01T00:00:20Z', 8, 4]],
      },
    ]);
  } finally {
    await server.close();
    await peer.close();
  }
});

test('k8sAutoscale: a disabled or unknown cluster refuses the task; a missing resource is a node error', async () => {
  const peer = await startPeer(() => ({ status: 404, body: JSON.stringify({ kind: 'Status', message: 'deployments.apps "gone" not found', code: 404 }) }));
  const server = await startServerWith(
    `[[kubernetes]]\n  enabled = false\n  id = "off"\n  api-servers = ["${peer.url}"]\n[[kubernetes]]\n  enabled = true\n  id = "on"\n  api-servers = ["${peer.url}"]\n`,
  );
  try {
    let reply = await defineTask(server, 'off', `stream|from()|k8sAutoscale().cluster('off').resourceName('x').replicas(lambda: 1)`);
    assert.match(reply.text, /cannot use the k8sAutoscale node, could not create kubernetes client: service is not enabled/);
    reply = await defineTask(server, 'unknown', `stream|from()|k8sAutoscale().cluster('nope').resourceName('x').replicas(lambda: 1)`);
    assert.match(reply.text, /unknown kubernetes cluster \\"nope\\", cannot get client/);
    reply = await defineTask(server, 'gone', `stream|from()|k8sAutoscale().cluster('on').resourceName('gone').replicas(lambda: 1)`);
    assert.equal(reply.status, 200, reply.text);
    await write(server, 'm v=1 1');
    await until(() => peer.requests.length === 1);
    assert.equal(peer.requests[0]!.url, '/apis/apps/v1/namespaces/default/deployments/gone/scale');
  } finally {
    await server.close();
    await peer.close();
  }
});
