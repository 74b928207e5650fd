// A [[kubernetes]] cluster as the k8sAutoscale node's Scaler: reads and replaces the scale
// subresource of a deployment, replica set or replication controller over the API servers
// (taken in turn), with the bearer token and CA of the section, or those of the pod's service
// account with in-cluster. Deployments and replica sets are served by apps/v1, replication
// controllers by the core v1 API. Never caches a count: every call asks the API server.

import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import { lazyRequire } from '../../util/lazy-require.js';
import type { KubernetesConfig } from '../../config/sections.js';
import type { Scaler, ScaleResource } from '../../engine/ports.js';

const undici = lazyRequire<typeof import('undici')>('undici');

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const TIMEOUT_MS = 30_000;

/** The scale subresource as the API serves it; fields other than spec.replicas are kept as read. */
interface Scale {
  metadata?: Record<string, unknown>;
  spec?: { replicas?: number } & Record<string, unknown>;
  [key: string]: unknown;
}

interface Connection {
  urls: string[];
  token: string;
  dispatcher: Dispatcher | undefined;
}

/** client.go NewConfigInCluster: the service account's token and CA, https://$KUBERNETES_SERVICE_HOST. */
function inClusterConnection(): Connection {
  const read = (name: string, what: string): Buffer => {
    try {
      return readFileSync(`${SERVICE_ACCOUNT}/${name}`);
    } catch (error) {
      throw new Error(`could not load ${what}: ${(error as Error).message}`, { cause: error });
    }
  };
  const token = read('token', 'token').toString('utf8');
  const ca = read('ca.crt', 'ca.crt');
  const host = process.env.KUBERNETES_SERVICE_HOST || 'kubernetes';
  return { urls: [`https://${host}`], token, dispatcher: new (undici().Agent)({ connect: { ca } }) };
}

function configuredConnection(config: KubernetesConfig): Connection {
  let dispatcher: Dispatcher | undefined;
  if (config.caPath !== '') {
    let ca: Buffer;
    try {
      ca = readFileSync(config.caPath);
    } catch (error) {
      throw new Error(`failed to read ca-path ${JSON.stringify(config.caPath)}: ${(error as Error).message}`, { cause: error });
    }
    dispatcher = new (undici().Agent)({ connect: { ca } });
  }
  return { urls: config.apiServers, token: config.token, dispatcher };
}

/** config.go Validate, for an enabled section. */
function validate(config: KubernetesConfig): void {
  if (config.inCluster) {
    if (config.apiServers.length > 0) throw new Error('in-cluster specified, cannot also specify api-servers');
    if (config.token !== '') throw new Error('in-cluster specified, cannot also specify token');
    if (config.caPath !== '') throw new Error('in-cluster specified, cannot also specify ca-path');
    if (config.namespace !== '') throw new Error('in-cluster specified, cannot also specify namespace');
  } else if (config.apiServers.length === 0) {
    throw new Error('no api-servers specified, must provide at least one server URL');
  }
  for (const url of config.apiServers) new URL(url);
}

/** The API path of a resource's scale subresource. */
export function scalePath(resource: ScaleResource): string {
  const ns = encodeURIComponent(resource.namespace);
  const name = encodeURIComponent(resource.name);
  if (resource.kind === 'replicationcontrollers' || resource.kind === 'replicationcontroller') {
    return `/api/v1/namespaces/${ns}/replicationcontrollers/${name}/scale`;
  }
  return `/apis/apps/v1/namespaces/${ns}/${encodeURIComponent(resource.kind)}/${name}/scale`;
}

export class KubernetesScaleClient implements Scaler {
  private readonly connection: Connection;
  private next = 0;

  constructor(config: KubernetesConfig) {
    validate(config);
    this.connection = config.inCluster ? inClusterConnection() : configuredConnection(config);
  }

  async replicas(resource: ScaleResource): Promise<number> {
    return (await this.getScale(resource)).spec?.replicas ?? 0;
  }

  async setReplicas(resource: ScaleResource, replicas: number): Promise<void> {
    const scale = await this.getScale(resource);
    const updated: Scale = { ...scale, spec: { ...scale.spec, replicas } };
    try {
      await this.call('PUT', scalePath(resource), JSON.stringify(updated));
    } catch (error) {
      throw new Error(`failed to update scale ${describe(resource)}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async getScale(resource: ScaleResource): Promise<Scale> {
    try {
      return (await this.call('GET', scalePath(resource), undefined)) as Scale;
    } catch (error) {
      throw new Error(`failed to get scale ${describe(resource)}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** One request to the next API server; a non-200 answer is the error of its Status. */
  private async call(method: 'GET' | 'PUT', path: string, body: string | undefined): Promise<unknown> {
    const { urls, token, dispatcher } = this.connection;
    const base = urls[this.next++ % urls.length]!.replace(/\/+$/, '');
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Dispatcher.ResponseData;
    try {
      response = await undici().request(`${base}${path}`, { method, headers, body, dispatcher, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
    } catch (error) {
      throw new Error(`k8s client request failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.body.text();
    if (response.statusCode !== 200) throw statusError(response.statusCode, text);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`failed to decode k8s server response: Code: ${response.statusCode}: ${(error as Error).message}`, { cause: error });
    }
  }
}

function describe(resource: ScaleResource): string {
  return `${resource.namespace}/${resource.kind}/${resource.name}`;
}

/** client.go decodeResponse: the Status's message, or a note that the answer was not understood. */
function statusError(code: number, text: string): Error {
  try {
    const status = JSON.parse(text) as { message?: unknown };
    if (typeof status === 'object' && status !== null) return new Error(typeof status.message === 'string' ? status.message : '');
  } catch {
    // not JSON: reported below
  }
  return new Error(`failed to understand k8s server response: Code: ${code}`);
}
