// One HTTP request for the HTTP-based alert handlers (undici): a body, headers, a timeout and
// optional TLS verification skipping; a non-2xx answer is an error naming status and body.

import { readFileSync } from 'node:fs';
import type { Agent } from 'undici';
import { lazyRequire } from '../util/lazy-require.js';

const undici = lazyRequire<typeof import('undici')>('undici');
let insecure: Agent | undefined;
const insecureAgent = (): Agent => (insecure ??= new (undici().Agent)({ connect: { rejectUnauthorized: false } }));

/** A section's TLS keys: ssl-ca, ssl-cert, ssl-key (PEM file paths) and insecure-skip-verify. */
export interface TlsFiles {
  sslCa: string;
  sslCert: string;
  sslKey: string;
  insecureSkipVerify: boolean;
}

const tlsAgents = new Map<string, Agent>();

/** The agent for a section's TLS files (one per distinct setting; files read when first used). */
export function tlsAgent(files: TlsFiles): Agent | undefined {
  if (files.sslCa === '' && files.sslCert === '' && files.sslKey === '') return files.insecureSkipVerify ? insecureAgent() : undefined;
  const key = JSON.stringify(files);
  let agent = tlsAgents.get(key);
  if (agent === undefined) {
    agent = new (undici().Agent)({ connect: tlsOptions(files) });
    tlsAgents.set(key, agent);
  }
  return agent;
}

/** Node TLS options from a section's TLS files (for HTTP agents, MQTT and Kafka clients). */
export function tlsOptions(files: TlsFiles): { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean } {
  return {
    ...(files.sslCa === '' ? {} : { ca: readFileSync(files.sslCa) }),
    ...(files.sslCert === '' ? {} : { cert: readFileSync(files.sslCert) }),
    ...(files.sslKey === '' ? {} : { key: readFileSync(files.sslKey) }),
    rejectUnauthorized: !files.insecureSkipVerify,
  };
}

export interface SendOptions {
  method?: 'POST' | 'PUT' | 'GET';
  headers?: Record<string, string>;
  timeoutMs?: number;
  insecureSkipVerify?: boolean;
  /** ssl-ca / ssl-cert / ssl-key / insecure-skip-verify of the handler's section. */
  tls?: TlsFiles;
}

export interface SendResult {
  status: number;
  body: string;
}

export async function sendHTTP(url: string, body: string | undefined, options: SendOptions = {}): Promise<SendResult> {
  const timeout = options.timeoutMs ?? 30_000;
  const response = await undici().request(url, {
    method: options.method ?? 'POST',
    headers: options.headers,
    body,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    dispatcher: options.tls !== undefined ? tlsAgent(options.tls) : options.insecureSkipVerify ? insecureAgent() : undefined,
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`POST ${url}: unexpected response status ${response.statusCode}${text === '' ? '' : ': ' + text.slice(0, 512)}`);
  }
  return { status: response.statusCode, body: text };
}

/** POSTs a JSON value (Content-Type: application/json). */
export function postJSON(url: string, value: unknown, options: SendOptions = {}): Promise<SendResult> {
  return sendHTTP(url, JSON.stringify(value), { ...options, headers: { 'Content-Type': 'application/json', ...options.headers } });
}
