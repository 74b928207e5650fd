// A [[swarm]] cluster as the swarmAutoscale node's Scaler: reads a service from the Docker
// Engine API (v1.30, servers taken in turn) and updates its replicated mode's replica count
// with the service version it read, as Kapacitor's swarm client does. TLS from the section's
// ssl-* keys. A service that is not replicated is an error, never a guess.

import type { Dispatcher } from 'undici';
import { lazyRequire } from '../../util/lazy-require.js';
import { tlsAgent } from '../../alert/http-send.js';
import type { SwarmConfig } from '../../config/sections.js';
import type { Scaler, ScaleResource } from '../../engine/ports.js';

const undici = lazyRequire<typeof import('undici')>('undici');

const API_VERSION = 'v1.30';
const TIMEOUT_MS = 30_000;

/** The parts of a swarm.Service this client reads; the spec is sent back whole. */
interface Service {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Mode?: { Replicated?: { Replicas?: number } } } & Record<string, unknown>;
}

export class SwarmScaleClient implements Scaler {
  private readonly urls: string[];
  private readonly dispatcher: Dispatcher | undefined;
  private next = 0;

  constructor(config: SwarmConfig) {
    if (config.servers.length === 0) throw new Error('no api-servers specified, must provide at least one server URL');
    for (const url of config.servers) new URL(url);
    this.urls = config.servers;
    this.dispatcher = tlsAgent(config);
  }

  async replicas(resource: ScaleResource): Promise<number> {
    const service = await this.service(resource.name);
    return replicatedMode(service).Replicas ?? 0;
  }

  async setReplicas(resource: ScaleResource, replicas: number): Promise<void> {
    const service = await this.service(resource.name);
    replicatedMode(service).Replicas = replicas;
    const version = service.Version?.Index ?? 0;
    const path = `/${API_VERSION}/services/${encodeURIComponent(service.ID)}/update?version=${version}`;
    try {
      await this.call('POST', path, JSON.stringify(service.Spec));
    } catch (error) {
      throw new Error(`update service request failed for ${JSON.stringify(service.ID)}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async service(id: string): Promise<Service> {
    try {
      return (await this.call('GET', `/${API_VERSION}/services/${encodeURIComponent(id)}`, undefined)) as Service;
    } catch (error) {
      throw new Error(`failed to get swarm service for ${JSON.stringify(id)}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** One request to the next server; a non-200 answer is the error of its message. */
  private async call(method: 'GET' | 'POST', path: string, body: string | undefined): Promise<unknown> {
    const base = this.urls[this.next++ % this.urls.length]!.replace(/\/+$/, '');
    const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
    let response: Dispatcher.ResponseData;
    try {
      response = await undici().request(`${base}${path}`, {
        method,
        headers,
        body,
        dispatcher: this.dispatcher,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
    } catch (error) {
      throw new Error(`swarm client request failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.body.text();
    if (response.statusCode !== 200) throw errorOf(response.statusCode, text);
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`failed to decode swarm server response: Code: ${response.statusCode}: ${(error as Error).message}`, { cause: error });
    }
  }
}

function replicatedMode(service: Service): { Replicas?: number } {
  const replicated = service.Spec?.Mode?.Replicated;
  if (replicated === undefined || replicated === null) throw new Error(`service ${JSON.stringify(service.ID)} is not in replicated mode`);
  return replicated;
}

/** client.go decodeResponse: the ErrorResponse's message. */
function errorOf(code: number, text: string): Error {
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    return new Error(`failed to understand swarm server response: Code: ${code}`);
  }
  if (typeof message !== 'string' || message === '') return new Error(`failed to understand swarm server error response: Code: ${code}`);
  return new Error(message);
}
