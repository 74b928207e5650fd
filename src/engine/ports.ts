// What the engine needs from the outside world, as one read-only record of interfaces the
// engine owns: the server builds it and hands it to `new TaskMaster(...)`; nodes read it from
// their TaskContext. The engine never imports the services that implement these ports, and
// nothing here is mutated after the TaskMaster is made. Types only.

import type { AlertService } from '../alert/alert-service.js';
import type { InfluxDBClient } from '../influxql/client.js';
import type { Point } from '../models/point.js';
import type { UdfFunctionConfig } from '../udf/config.js';

/** The [[influxdb]] clusters batch queries read from and influxDBOut writes to. */
export interface InfluxDBPort {
  /** False when no cluster is configured (queries and writes are refused). */
  hasClusters(): boolean;
  /** The client of the named cluster ('' = the default one). */
  client(cluster?: string): InfluxDBClient;
}

/** An `[[httppost]]` endpoint (httpPost `.endpoint()`, alert `.post().endpoint()`). */
export interface HttpPostEndpoint {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** Go text/template of the body (alert-template / row-template), when configured. */
  readonly rowTemplate?: string;
}

/** Who this server is, as alert templates and statistics show it. */
export interface ServerInfoPort {
  readonly hostname: string;
  readonly clusterId: string;
  readonly serverId: string;
}

export interface EnginePorts {
  /** Writes points back into the engine, as if written over HTTP (kapacitorLoopback). */
  readonly loopback?: (points: Point[]) => void;
  /** The `[[httppost]]` endpoint of that name, read when a task starts. */
  readonly httpPostEndpoint?: (name: string) => HttpPostEndpoint | undefined;
  /** InfluxDB queries (batch tasks) and writes (influxDBOut). */
  readonly influxdb?: InfluxDBPort;
  /** Alert topics and handlers the alert node publishes to. */
  readonly alerts?: AlertService;
  /** The configured UDF of that name ([udf.functions.<name>]). */
  readonly udfFunction?: (name: string) => UdfFunctionConfig | undefined;
  readonly serverInfo?: ServerInfoPort;
  /** Sideload file caches are dropped when its generation moves (POST /sideload/reload). */
  readonly sideload?: { readonly generation: number };
  /** False in replays: no batch schedule, batches come from the recording. */
  readonly batchScheduling?: boolean;
  /** The k8s / swarm / ec2 clusters the autoscale nodes scale. */
  readonly autoscale?: AutoscalePort;
}

/**
 * One autoscale peer (a `[[kubernetes]]`, `[[swarm]]` or `[[ec2]]` cluster): reads and sets the
 * replica count of a resource. The k8s resource is `<namespace>/<kind>/<name>`; a swarm service
 * and an EC2 Auto Scaling group are a name (`namespace` and `kind` are then '').
 */
export interface Scaler {
  replicas(resource: ScaleResource): Promise<number>;
  setReplicas(resource: ScaleResource, replicas: number): Promise<void>;
}

export interface ScaleResource {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}

/** The peers of the k8sAutoscale, swarmAutoscale and ec2Autoscale nodes. */
export interface AutoscalePort {
  /**
   * The scaler of that cluster id (`.cluster()`, '' when unset), read when a task starts;
   * throws with Kapacitor's text for an unknown or disabled cluster.
   */
  scaler(kind: 'kubernetes' | 'swarm' | 'ec2', cluster: string): Scaler;
}
