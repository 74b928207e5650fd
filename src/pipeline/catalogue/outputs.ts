// Catalogue entries for the nodes that send data out of the task: httpOut, httpPost,
// influxDBOut, kapacitorLoopback and the k8s / swarm / ec2 autoscale nodes.

import { defineNode, properties } from './spec.js';

const AUTOSCALE_COMMON = ['cluster:s', 'currentField:s', 'max:i', 'min:i', 'replicas:l', 'increaseCooldown:d', 'decreaseCooldown:d'];

export const OUTPUT_NODES = [
  defineNode({ kind: 'httpOut', goType: 'HTTPOutNode', desc: 'http_out', chainnode: true, properties: [] }),
  defineNode({
    kind: 'httpPost',
    goType: 'HTTPPostNode',
    desc: 'http_post',
    chainnode: true,
    properties: properties('endpoint(s)', 'header(s,s)+', 'captureResponse()', 'timeout:d', 'codeField:s'),
  }),
  defineNode({
    kind: 'influxDBOut',
    goType: 'InfluxDBOutNode',
    desc: 'influxdb_out',
    chainnode: false,
    properties: properties(
      'database:s',
      'retentionPolicy:s',
      'measurement:s',
      'writeConsistency:s',
      'precision:s',
      'buffer:i',
      'flushInterval:d',
      'create()',
      'tag(s,s)+',
      'cluster:s',
    ),
  }),
  defineNode({
    kind: 'kapacitorLoopback',
    goType: 'KapacitorLoopbackNode',
    desc: 'kapacitor_loopback',
    chainnode: false,
    properties: properties('database:s', 'retentionPolicy:s', 'measurement:s', 'tag(s,s)+'),
  }),
  defineNode({
    kind: 'k8sAutoscale',
    goType: 'K8sAutoscaleNode',
    desc: 'k8s_autoscale',
    chainnode: true,
    properties: properties(...AUTOSCALE_COMMON, 'namespace:s', 'kind:s', 'resourceName:s', 'resourceNameTag:s', 'namespaceTag:s', 'kindTag:s', 'resourceTag:s'),
  }),
  defineNode({
    kind: 'swarmAutoscale',
    goType: 'SwarmAutoscaleNode',
    desc: 'swarm_autoscale',
    chainnode: true,
    properties: properties(...AUTOSCALE_COMMON, 'serviceName:s', 'serviceNameTag:s', 'outputServiceNameTag:s'),
  }),
  defineNode({
    kind: 'ec2Autoscale',
    goType: 'Ec2AutoscaleNode',
    desc: 'ec2_autoscale',
    chainnode: true,
    properties: properties(...AUTOSCALE_COMMON, 'groupName:s', 'groupNameTag:s', 'outputGroupNameTag:s'),
  }),
];
