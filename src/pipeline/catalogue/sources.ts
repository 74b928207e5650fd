// Catalogue entries for the source nodes: `stream` and its `from()`, `batch` and its `query()` (InfluxQL)
// and `queryFlux()` (Flux).
// Declarative only; see spec.ts for the property notation.

import { defineNode, properties } from './spec.js';

export const SOURCE_NODES = [
  defineNode({ kind: 'stream', goType: 'StreamNode', desc: 'stream', chainnode: false, ownChains: ['from'], properties: [] }),
  defineNode({ kind: 'batch', goType: 'BatchNode', desc: 'batch', chainnode: false, ownChains: ['query', 'queryFlux'], properties: [] }),
  defineNode({
    kind: 'from',
    goType: 'FromNode',
    desc: 'from',
    chainnode: true,
    properties: properties('where(l)+', 'groupBy(...a)', 'database:s', 'retentionPolicy:s', 'measurement:s', 'truncate:d', 'round:d', 'groupByMeasurement()'),
  }),
  defineNode({
    kind: 'query',
    goType: 'QueryNode',
    desc: 'query',
    chainnode: true,
    properties: properties(
      'period:d',
      'every:d',
      'align()',
      'alignGroup()',
      'cron:s',
      'offset:d',
      'groupBy(...a)',
      'groupByMeasurement()',
      'fill:a',
      'cluster:s',
    ),
  }),
  defineNode({
    kind: 'queryFlux',
    goType: 'QueryFluxNode',
    desc: 'queryFlux',
    chainnode: true,
    properties: properties('period:d', 'every:d', 'align()', 'cron:s', 'offset:d', 'cluster:s', 'org:s', 'orgID:s'),
  }),
];
