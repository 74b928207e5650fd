// What the engine needs from the outside world, as interfaces the engine owns: the server hands
// implementations in, the engine never imports the services that implement them. This module
// declares types only.

import type { InfluxDBClient } from '../influxql/client.js';

/** The [[influxdb]] clusters batch queries read from and influxDBOut writes to. */
export interface InfluxDBPort {
  /** False when no cluster is configured (queries and writes are refused). */
  hasClusters(): boolean;
  /** The client of the named cluster ('' = the default one). */
  client(cluster?: string): InfluxDBClient;
}
