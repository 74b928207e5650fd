// The AutoscalePort over [[kubernetes]], [[swarm]] and [[ec2]]: sections load with Kapacitor's
// keys and without warnings, a node's cluster id picks the section, and unknown ids, disabled
// sections and invalid sections are refused with Kapacitor's words.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../../src/config/index.js';
import { AutoscalePeers } from '../../../src/integrations/autoscale.js';
import { scalePath } from '../../../src/integrations/kubernetes/scale-client.js';

test('the three sections load with their keys and defaults, without warnings', () => {
  const warnings: string[] = [];
  const config = loadConfigText(
    `[kubernetes]
  enabled = true
  api-servers = ["http://127.0.0.1:8001"]
  token = "t"
  ca-path = ""
  namespace = "ns"
  resource = "pod"
[[swarm]]
  enabled = true
  id = "s"
  servers = ["http://127.0.0.1:2376"]
  insecure-skip-verify = true
[[ec2]]
  enabled = true
  id = "e"
  region = "eu-west-1"
  access-key = "a"
  secret-key = "b"
  refresh-interval = "2m"
`,
    { warnings },
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.kubernetes, [
    { enabled: true, id: '', inCluster: false, apiServers: ['http://127.0.0.1:8001'], token: 't', caPath: '', namespace: 'ns', resource: 'pod' },
  ]);
  assert.equal(config.swarm[0]!.insecureSkipVerify, true);
  assert.equal(config.swarm[0]!.sslCa, '');
  assert.deepEqual(
    { ...config.ec2[0]! },
    {
      enabled: true,
      id: 'e',
      region: 'eu-west-1',
      accessKey: 'a',
      secretKey: 'b',
      profile: '',
      refreshInterval: 120_000,
      port: 80,
      endpoint: '',
    },
  );
  assert.throws(() => loadConfigText('[[kubernetes]]\n  resource = "pods"\n'), /Resource must be one of node, pod, service, or endpoints/);
});

function peers(toml: string): AutoscalePeers {
  const config = loadConfigText(toml);
  return new AutoscalePeers(() => config);
}

test('a cluster id picks its section; unknown, disabled and invalid sections are refused', () => {
  const p = peers(`[[kubernetes]]
  enabled = true
  id = "a"
  api-servers = ["http://127.0.0.1:1"]
[[kubernetes]]
  enabled = false
  id = "off"
[[kubernetes]]
  enabled = true
  id = "both"
  in-cluster = true
  api-servers = ["http://127.0.0.1:1"]
[[kubernetes]]
  enabled = true
  id = "none"
[[swarm]]
  enabled = true
  id = "empty"
  servers = []
[[ec2]]
  enabled = true
  id = "noregion"
  region = ""
`);
  assert.equal(typeof p.scaler('kubernetes', 'a').replicas, 'function');
  assert.throws(() => p.scaler('kubernetes', 'b'), { message: 'unknown kubernetes cluster "b", cannot get client' });
  assert.throws(() => p.scaler('swarm', ''), { message: 'unknown swarm cluster "", cannot get client' });
  assert.throws(() => p.scaler('ec2', 'x'), { message: 'unknown ec2 region "x", cannot get client' });
  assert.throws(() => p.scaler('kubernetes', 'off'), { message: 'service is not enabled' });
  assert.throws(() => p.scaler('kubernetes', 'both'), { message: 'failed to create k8s client: in-cluster specified, cannot also specify api-servers' });
  assert.throws(() => p.scaler('kubernetes', 'none'), {
    message: 'failed to create k8s client: no api-servers specified, must provide at least one server URL',
  });
  assert.throws(() => p.scaler('swarm', 'empty'), { message: 'failed to create swarm client: no api-servers specified, must provide at least one server URL' });
  assert.throws(() => p.scaler('ec2', 'noregion'), { message: 'failed to create ec2 client: ec2 discovery, noregion, requires a region' });
});

test('a running scaler follows its section: disabling it makes the next call fail', async () => {
  const config = loadConfigText('[[swarm]]\n  enabled = true\n  id = "s"\n  servers = ["http://127.0.0.1:1"]\n');
  const p = new AutoscalePeers(() => config);
  const scaler = p.scaler('swarm', 's');
  config.swarm[0]!.enabled = false;
  await assert.rejects(async () => scaler.replicas({ namespace: '', kind: '', name: 'x' }), { message: 'service is not enabled' });
});

test('scale subresource paths: apps/v1 for deployments and replica sets, core v1 for replication controllers', () => {
  assert.equal(scalePath({ namespace: 'n', kind: 'deployments', name: 'd' }), '/apis/apps/v1/namespaces/n/deployments/d/scale');
  assert.equal(scalePath({ namespace: 'n', kind: 'replicasets', name: 'r' }), '/apis/apps/v1/namespaces/n/replicasets/r/scale');
  assert.equal(scalePath({ namespace: 'n', kind: 'replicationcontrollers', name: 'c' }), '/api/v1/namespaces/n/replicationcontrollers/c/scale');
});
