// k8sAutoscale / swarmAutoscale / ec2Autoscale against a fake Scaler port: the replicas lambda
// with .currentField(), min/max clamping, increase/decrease cooldowns on point time, state per
// resource, the emitted old/new point and its tags, failures and the cluster lookup.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AutoscalePort, ScaleResource } from '../../../src/engine/ports.js';
import { run, sec } from '../harness.js';

interface FakePeer {
  port: AutoscalePort;
  calls: string[];
  counts: Record<string, number>;
  /** Names whose next setReplicas fails. */
  failSet: Set<string>;
  lookups: Array<[string, string]>;
}

function fakePeer(initial: Record<string, number>): FakePeer {
  const peer: FakePeer = { calls: [], counts: { ...initial }, failSet: new Set(), lookups: [], port: undefined as unknown as AutoscalePort };
  const path = (r: ScaleResource) => [r.namespace, r.kind, r.name].filter((p) => p !== '').join('/');
  peer.port = {
    scaler(kind, cluster) {
      peer.lookups.push([kind, cluster]);
      if (cluster === 'nope') throw new Error(`unknown ${kind} cluster "nope", cannot get client`);
      return {
        replicas: async (r) => {
          peer.calls.push(`get ${path(r)}`);
          return peer.counts[r.name] ?? 0;
        },
        setReplicas: async (r, n) => {
          peer.calls.push(`set ${path(r)} ${n}`);
          if (peer.failSet.delete(r.name)) throw new Error('peer refused');
          peer.counts[r.name] = n;
        },
      };
    },
  };
  return peer;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function counters(t: ReturnType<typeof run>, kind: string): Record<string, number> {
  const node = Object.entries(t.stats().nodes).find(([name]) => name.startsWith(kind))!;
  return node[1].counters;
}

/** The autoscale counters only. */
function events(t: ReturnType<typeof run>, kind: string): Record<string, number> {
  const { increase_events, decrease_events, cooldown_drops } = counters(t, kind);
  return { increase_events: increase_events!, decrease_events: decrease_events!, cooldown_drops: cooldown_drops! };
}

test('k8sAutoscale: reads the count once, evaluates the lambda with currentField, clamps, sets and emits old/new with the resource tags', async () => {
  const peer = fakePeer({ web: 3 });
  const t = run(
    `stream|from().measurement('m').groupBy('host')
      |k8sAutoscale().resourceName('web').namespace('prod').currentField('cur').min(2).max(6).replicas(lambda: "cur" + "delta")
      |httpOut('out')`,
    { services: { autoscale: peer.port } },
  );
  assert.deepEqual(peer.lookups, [['kubernetes', '']]);
  t.write('m,host=a delta=1i 1');
  await until(() => t.result().series !== null);
  assert.deepEqual(peer.calls, ['get prod/deployments/web', 'set prod/deployments/web 4']);
  const series = t.result().series!;
  assert.deepEqual(
    series.map((s) => [s.name, s.tags, s.columns, s.values]),
    [['m', { host: 'a', kind: 'deployments', namespace: 'prod', resource: 'web' }, ['time', 'new', 'old'], [[sec(1), 4n, 3n]]]],
  );
  // the state is the node's, by resource: another group sees count 4; +10 clamps to max 6
  t.write('m,host=b delta=10i 2');
  await until(() => peer.calls.length === 3);
  assert.deepEqual(peer.calls.slice(2), ['set prod/deployments/web 6']);
  // -10 clamps to min 2; no change (2 -> 2 after one more) emits nothing and calls nothing
  t.write('m,host=a delta=-10i 3');
  await until(() => peer.calls.length === 4);
  assert.equal(peer.calls[3], 'set prod/deployments/web 2');
  t.write('m,host=a delta=0i 4');
  t.write('m,host=a delta=-1i 5');
  await t.master.drain(t.id);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(peer.calls.length, 4);
  assert.deepEqual(events(t, 'k8s_autoscale'), { increase_events: 2, decrease_events: 1, cooldown_drops: 0 });
  t.stop();
});

test('cooldowns are per direction, on point time, and a dropped change keeps the old count', async () => {
  const peer = fakePeer({ web: 1 });
  const t = run(
    `stream|from().measurement('m')
      |k8sAutoscale().resourceName('web').replicas(lambda: "want").increaseCooldown(10s).decreaseCooldown(5s)
      |httpOut('out')`,
    { services: { autoscale: peer.port } },
  );
  const sets = () => peer.calls.filter((c) => c.startsWith('set'));
  t.write('m want=3i 100');
  await until(() => sets().length === 1);
  t.write('m want=4i 105'); // increase within 10s of the last increase: dropped
  t.write('m want=2i 106'); // decrease: its own cooldown has not started
  await until(() => sets().length === 2);
  t.write('m want=1i 108'); // decrease within 5s of the last decrease: dropped
  t.write('m want=5i 110'); // increase 10s after the first: applied, from 2 (the dropped 4 was not kept)
  await until(() => sets().length === 3);
  assert.deepEqual(sets(), ['set default/deployments/web 3', 'set default/deployments/web 2', 'set default/deployments/web 5']);
  assert.deepEqual(t.values(), [[sec(110), 5n, 2n]]);
  assert.deepEqual(events(t, 'k8s_autoscale'), { increase_events: 2, decrease_events: 1, cooldown_drops: 2 });
  t.stop();
});

test('resourceNameTag: each named resource has its own count and cooldown; a point without the tag is an error', async () => {
  const peer = fakePeer({ a: 2, b: 5 });
  const t = run(
    `stream|from().measurement('m').groupBy('app')
      |k8sAutoscale().resourceNameTag('app').kind('replicasets').resourceTag('').replicas(lambda: "want").increaseCooldown(1h)
      |httpOut('out')`,
    { services: { autoscale: peer.port } },
  );
  t.write('m,app=a want=3i 1\nm,app=b want=6i 2\nm,app=a want=9i 3\nm want=4i 4');
  await until(() => peer.calls.length === 4 && counters(t, 'k8s_autoscale').errors === 1);
  assert.deepEqual(peer.calls, ['get default/replicasets/a', 'set default/replicasets/a 3', 'get default/replicasets/b', 'set default/replicasets/b 6']);
  assert.deepEqual(t.values('out', { app: 'b', kind: 'replicasets', namespace: 'default' }), [[sec(2), 6n, 5n]]);
  assert.equal(counters(t, 'k8s_autoscale').cooldown_drops, 1);
  t.stop();
});

test('a failed set keeps the old count and cooldown: the next point tries again', async () => {
  const peer = fakePeer({ svc: 2 });
  peer.failSet.add('svc');
  const t = run(
    `stream|from().measurement('m')
      |swarmAutoscale().serviceNameTag('service').replicas(lambda: "want").increaseCooldown(1h)
      |httpOut('out')`,
    { services: { autoscale: peer.port } },
  );
  t.write('m,service=svc want=4i 1');
  await until(() => peer.calls.length === 2);
  t.write('m,service=svc want=4i 2');
  await until(() => t.result().series !== null);
  assert.deepEqual(peer.calls, ['get svc', 'set svc 4', 'set svc 4']);
  // swarm: the output tag defaults to the input tag
  assert.deepEqual(
    t.result().series!.map((s) => [s.tags, s.values]),
    [[{ service: 'svc' }, [[sec(2), 4n, 2n]]]],
  );
  assert.equal(counters(t, 'swarm_autoscale').errors, 1);
  t.stop();
});

test("ec2Autoscale names its group by outputGroupNameTag; an unknown cluster refuses the task with Kapacitor's words", async () => {
  const peer = fakePeer({ asg: 1 });
  const t = run(
    `stream|from().measurement('m')
      |ec2Autoscale().cluster('east').groupName('asg').outputGroupNameTag('group').replicas(lambda: int("load" / 10.0))
      |httpOut('out')`,
    { services: { autoscale: peer.port } },
  );
  assert.deepEqual(peer.lookups, [['ec2', 'east']]);
  t.write('m load=35.0 1');
  await until(() => t.result().series !== null);
  assert.deepEqual(
    t.result().series!.map((s) => [s.tags, s.values]),
    [[{ group: 'asg' }, [[sec(1), 3n, 1n]]]],
  );
  t.stop();
  assert.throws(
    () => run(`stream|from()|ec2Autoscale().cluster('nope').groupName('asg').replicas(lambda: 1)`, { services: { autoscale: peer.port }, id: 'bad' }),
    /cannot use the EC2Autoscale node, could not create ec2 client: unknown ec2 cluster "nope", cannot get client/,
  );
  assert.throws(
    () => run(`stream|from()|k8sAutoscale().resourceName('x').replicas(lambda: 1)`, { id: 'none' }),
    /cannot use the k8sAutoscale node, could not create kubernetes client: unknown kubernetes cluster "", cannot get client/,
  );
});

test('a replicas lambda that is not an integer is an evaluation error', async () => {
  const peer = fakePeer({ web: 1 });
  const t = run(`stream|from().measurement('m')|k8sAutoscale().resourceName('web').replicas(lambda: "v")|httpOut('out')`, {
    services: { autoscale: peer.port },
  });
  t.write('m v=2.5 1');
  await until(() => counters(t, 'k8s_autoscale').errors === 1);
  assert.deepEqual(peer.calls, ['get default/deployments/web']);
  t.stop();
});
