// The kapacitor command's HTTP client of the /kapacitor/v1 API (undici): JSON requests, raw
// streaming responses (vars, logs, backup), basic auth from the URL, -skipVerify for TLS.
// A refused answer becomes the server's error text; an unreachable server one clear line.

import type { Agent, Dispatcher } from 'undici';
import { CommandError, UnreachableError } from './errors.js';

export const BASE_PATH = '/kapacitor/v1';
const USER_AGENT = 'KapacitorClient';

/** The server answered with an error status; the message is its `error` text. */
export class ServerError extends CommandError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** The -url value is not an http(s) URL (Kapacitor exits 4 on it). */
export class BadUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadUrlError';
  }
}

export type Query = ReadonlyArray<readonly [string, string]>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer> & { text(): Promise<string>; dump(): Promise<void> };
}

export class KapacitorClient {
  private readonly origin: string;
  private readonly authorization: string | undefined;
  private readonly skipVerify: boolean;
  /** Created with the first request: undici is loaded only by commands that talk to the server. */
  private dispatcher: Agent | undefined;
  private undici: typeof import('undici') | undefined;

  /** Throws BadUrlError when `url` is not http(s). */
  constructor(
    readonly url: string,
    options: { skipVerify?: boolean } = {},
  ) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new BadUrlError(unsupportedScheme(''));
    }
    const scheme = parsed.protocol.replace(/:$/, '');
    if (scheme !== 'http' && scheme !== 'https') throw new BadUrlError(unsupportedScheme(scheme));
    this.origin = `${parsed.protocol}//${parsed.host}`;
    this.authorization =
      parsed.username !== ''
        ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
        : undefined;
    this.skipVerify = options.skipVerify === true;
  }

  /** Drops the client's connections (the command is done). */
  async close(): Promise<void> {
    await this.dispatcher?.destroy();
  }

  /** Sends a request and decodes the JSON answer (undefined for an empty body). */
  async json<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(method, path, options);
    const text = await response.body.text();
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new CommandError(`failed to decode JSON: ${(error as Error).message}`);
    }
  }

  /** Sends a request; a non-2xx answer throws ServerError, so the body returned is a success. */
  async raw(method: string, path: string, options: RequestOptions = {}): Promise<RawResponse> {
    const target = this.origin + path + queryString(options.query);
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    if (this.authorization !== undefined) headers.Authorization = this.authorization;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    const undici = (this.undici ??= await import('undici'));
    // An agent of its own, so closing it ends this client's keep-alive connections and nobody else's.
    const dispatcher = (this.dispatcher ??= new undici.Agent(this.skipVerify ? { connect: { rejectUnauthorized: false } } : {}));
    let response: Dispatcher.ResponseData;
    try {
      response = await undici.request(target, { method: method, headers, body, dispatcher, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new UnreachableError(`cannot reach the Kapacitor server at ${this.origin}: ${describeNetworkError(error)}`);
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      const text = await response.body.text();
      throw new ServerError(response.statusCode, errorText(response.statusCode, text));
    }
    return { status: response.statusCode, headers: response.headers, body: response.body as unknown as RawResponse['body'] };
  }
}

/** The path of a resource under the API base, its id escaped as a URL path segment. */
export function apiPath(...segments: string[]): string {
  return `${BASE_PATH}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

function queryString(query: Query | undefined): string {
  if (query === undefined || query.length === 0) return '';
  const params = new URLSearchParams();
  for (const [key, value] of query) params.append(key, value);
  return `?${params.toString()}`;
}

/** `{"error": "..."}` → its text; otherwise Kapacitor client's "invalid response" line. */
function errorText(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed?.error === 'string' && parsed.error !== '') return parsed.error;
  } catch {
    // not JSON: fall through
  }
  return `invalid response: code ${status}: body: ${body}`;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'temporary failure in name resolution',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
};

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: string }).code ?? (cause as { code?: string } | undefined)?.code ?? '';
  if (CERTIFICATE_CODES.has(code)) {
    return `certificate verification failed (${(error as Error).message}); use -skipVerify to skip it`;
  }
  if (code === 'EPROTO' || /wrong version number|packet length too long/i.test((error as Error).message)) {
    return 'TLS handshake failed (is the URL scheme right?)';
  }
  return NETWORK_REASONS[code] ?? (error as Error).message;
}

function unsupportedScheme(scheme: string): string {
  return `Unsupported protocol scheme: ${scheme}, your address must start with http:// or https://`;
}
