// Catalogue entries for the InfluxQL function nodes (aggregates, selectors, transformations):
// all one Go type, InfluxQLNode, named after the function in DOT (mean2, cumulativeSum3).

import { chain, properties, type ChainSpec, type NodeSpec } from './spec.js';

const FIELD_ONLY_STREAM = ['count', 'mean', 'median', 'mode', 'spread', 'sum', 'stddev', 'first', 'last', 'min', 'max'];

/** The chaining methods that create InfluxQL nodes, with their Go signatures and output edge. */
export const INFLUXQL_CHAINS: ChainSpec[] = [
  ...FIELD_ONLY_STREAM.map((name) => chain(name, 's', 'stream')),
  chain('distinct', 's', 'batch'),
  chain('percentile', 's,f', 'stream'),
  chain('top', 'i,s,...s', 'batch'),
  chain('bottom', 'i,s,...s', 'batch'),
  chain('elapsed', 's,d', 'parent'),
  chain('difference', 's', 'parent'),
  chain('movingAverage', 's,i', 'parent'),
  chain('cumulativeSum', 's', 'parent'),
  chain('holtWinters', 's,i,i,d', 'batch'),
  chain('holtWintersWithFit', 's,i,i,d', 'batch'),
];

export const INFLUXQL_NODES: NodeSpec[] = INFLUXQL_CHAINS.map((c) => ({
  kind: c.name, goType: 'InfluxQLNode', desc: c.name, chainnode: true,
  properties: properties('as:s', 'usePointTimes()'),
}));
