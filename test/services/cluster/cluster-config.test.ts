import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfigText } from '../../../src/config/index.js';

test('[cluster] is disabled by default with documented defaults', () => {
  const config = loadConfigText('');
  assert.equal(config.cluster.enabled, false);
  assert.equal(config.cluster.nodeId, '');
  assert.deepEqual(config.cluster.natsUrls, ['nats://127.0.0.1:4222']);
  assert.equal(config.cluster.streamReplicas, 1);
  assert.equal(config.cluster.partitions, 16);
  assert.equal(config.cluster.heartbeatInterval, 1000);
  assert.equal(config.cluster.nodeTimeout, 5000);
});

test('[cluster] reads TOML and KAPACITOR_CLUSTER_* overrides', () => {
  const config = loadConfigText('[cluster]\n  enabled = true\n  node-id = "a"\n  nats-urls = ["nats://n1:4222"]\n  partitions = 8\n  node-timeout = "3s"\n', {
    env: {
      KAPACITOR_CLUSTER_NODE_ID: 'b',
      KAPACITOR_CLUSTER_ADVERTISE_URL: 'http://10.0.0.2:9092',
      KAPACITOR_CLUSTER_NATS_URLS_1: 'nats://n2:4222',
      KAPACITOR_CLUSTER_STREAM_REPLICAS: '3',
      KAPACITOR_CLUSTER_HEARTBEAT_INTERVAL: '500ms',
    },
  });
  assert.equal(config.cluster.enabled, true);
  assert.equal(config.cluster.nodeId, 'b');
  assert.equal(config.cluster.advertiseUrl, 'http://10.0.0.2:9092');
  assert.deepEqual(config.cluster.natsUrls, ['nats://n1:4222', 'nats://n2:4222']);
  assert.equal(config.cluster.streamReplicas, 3);
  assert.equal(config.cluster.partitions, 8);
  assert.equal(config.cluster.heartbeatInterval, 500);
  assert.equal(config.cluster.nodeTimeout, 3000);
});

test('[cluster] refuses out-of-range values', () => {
  assert.throws(() => loadConfigText('[cluster]\n  partitions = 0\n'), ConfigError);
  assert.throws(() => loadConfigText('', { env: { KAPACITOR_CLUSTER_STREAM_REPLICAS: '9' } }), ConfigError);
});
