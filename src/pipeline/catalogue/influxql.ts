// Catalogue entries for the InfluxQL function nodes (aggregates, selectors, transformations):
// all one Go type, InfluxQLNode, named after the function in DOT (mean2, cumulativeSum3).

import { chain, properties, type NodeSpec } from './spec.js';

const FIELD_ONLY_STREAM = ['count', 'mean', 'median', 'mode', 'spread', 'sum', 'stddev', 'first', 'last', 'min', 'max'] as const;

/** The chaining methods that create InfluxQL nodes, with their Go signatures and output edge. */
export const INFLUXQL_CHAINS = [
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

/** The kinds of the InfluxQL nodes: the names of their chaining methods. */
export type InfluxQLKind = (typeof INFLUXQL_CHAINS)[number]['name'];

export const INFLUXQL_NODES = INFLUXQL_CHAINS.map((c): NodeSpec<InfluxQLKind> => ({
  kind: c.name,
  goType: 'InfluxQLNode',
  desc: c.name,
  chainnode: true,
  properties: properties('as:s', 'usePointTimes()'),
}));
