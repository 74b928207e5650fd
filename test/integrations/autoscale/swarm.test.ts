// swarmAutoscale end to end: a real server with a [[swarm]] cluster pointing at a local Docker
// Engine API; points written over HTTP make the task read the service and update it with the
// version it read and the new replica count, keeping the rest of its spec.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineTask, httpOut, startPeer, startServerWith, until, write } from './support.js';

interface Spec {
  Name: string;
  Labels: Record<string, string>;
  Mode: { Replicated?: { Replicas: number } };
}

test('swarmAutoscale updates the replicated mode of services named by a tag, with the service version', async () => {
  const services: Record<string, { ID: string; Version: { Index: number }; Spec: Spec }> = {
    api: { ID: 'id-api', Version: { Index: 7 }, Spec: { Name: 'api', Labels: { team: 'a' }, Mode: { Replicated: { Replicas: 2 } } } },
    worker: { ID: 'id-worker', Version: { Index: 3 }, Spec: { Name: 'worker', Labels: {}, Mode: { Replicated: { Replicas: 4 } } } },
    global: { ID: 'id-global', Version: { Index: 1 }, Spec: { Name: 'global', Labels: {}, Mode: {} } },
  };
  const peer = await startPeer((req) => {
    const get = /^\/v1\.30\/services\/([^/?]+)$/.exec(req.url);
    if (req.method === 'GET' && get !== null) {
      const service = services[get[1]!];
      return service === undefined ? { status: 404, body: JSON.stringify({ message: `service ${get[1]} not found` }) } : { body: JSON.stringify(service) };
    }
    const update = /^\/v1\.30\/services\/([^/?]+)\/update\?version=(\d+)$/.exec(req.url);
    if (req.method === 'POST' && update !== null) {
      const service = Object.values(services).find((s) => s.ID === update[1]);
      if (service === undefined || service.Version.Index !== Number(update[2]))
        return { status: 500, body: JSON.stringify({ message: 'update out of sequence' }) };
      service.Spec = JSON.parse(req.body) as Spec;
      service.Version.Index++;
      return { body: JSON.stringify({ Warnings: null }) };
    }
    return { status: 404, body: JSON.stringify({ message: 'page not found' }) };
  });
  const server = await startServerWith(`[[swarm]]\n  enabled = true\n  servers = ["${peer.url}"]\n`);
  try {
    const reply = await defineTask(
      server,
      'swarm',
      `stream|from().measurement('load').groupBy('svc')
        |swarmAutoscale().serviceNameTag('svc').currentField('n').min(1).replicas(lambda: "n" + "step").decreaseCooldown(1m)
        |httpOut('events')`,
    );
    assert.equal(reply.status, 200, reply.text);
    await write(server, 'load,svc=api step=3i 1\nload,svc=worker step=-1i 1\nload,svc=worker step=-1i 30\nload,svc=global step=1i 1');
    await until(() => peer.requests.filter((r) => r.method === 'POST').length === 2 && peer.requests.length === 7);
    await write(server, 'load,svc=worker step=1i 40');
    await until(() => peer.requests.filter((r) => r.method === 'POST').length === 3);

    assert.deepEqual(services.api!.Spec, { Name: 'api', Labels: { team: 'a' }, Mode: { Replicated: { Replicas: 5 } } });
    assert.equal(services.worker!.Spec.Mode.Replicated!.Replicas, 4, 'down to 3, the decrease at 30s is in the cooldown, then up from 3 to 4');
    assert.deepEqual(
      peer.requests.filter((r) => r.method === 'POST').map((r) => r.url),
      ['/v1.30/services/id-api/update?version=7', '/v1.30/services/id-worker/update?version=3', '/v1.30/services/id-worker/update?version=4'],
    );
    await until(async () => ((await httpOut(server, 'swarm', 'events')).series ?? []).length === 2);
    const events = await httpOut(server, 'swarm', 'events');
    assert.deepEqual(
      events.series!.map((s) => [s.tags, s.values]),
      [
        [{ svc: 'api' }, [['1970-01-01T00:00:01Z', 5, 2]]],
        [{ svc: 'worker' }, [['1970-01-01T00:00:40Z', 4, 3]]],
      ],
    );
  } finally {
    await server.close();
    await peer.close();
  }
});
