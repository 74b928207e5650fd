// An InfluxDB 1.x HTTP client (Node's own http/https with keep-alive agents, whose parser the
// HTTP API already has loaded): ping, InfluxQL queries (JSON results), line-protocol writes and
// database creation, against one cluster's URLs with failover between them. Never retries a
// request on its own beyond trying the next URL: callers decide on retries.

import { createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/** One series of an InfluxQL result, as InfluxDB's JSON answer carries it. */
export interface InfluxSeries {
  name?: string;
  tags?: Record<string, string>;
  columns: string[];
  values?: unknown[][];
}

/** One statement's result. */
export interface InfluxResult {
  statement_id?: number;
  series?: InfluxSeries[];
  error?: string;
}

export interface InfluxClientOptions {
  urls: string[];
  username?: string;
  password?: string;
  /** Request timeout in ms; 0 = none. */
  timeoutMs?: number;
  sslCa?: string;
  sslCert?: string;
  sslKey?: string;
  insecureSkipVerify?: boolean;
  /** API token: "Authorization: Token <token>" (wins over every other credential). */
  token?: string;
  /** [http] shared-secret: a JWT (HS512, username, 10 minute expiry) as a Bearer token. */
  sharedSecret?: string;
  /** gzip compresses write bodies. */
  compression?: string;
}

export interface WriteOptions {
  database: string;
  retentionPolicy?: string;
  /** n, u, ms, s, m, h ('' = ns). */
  precision?: string;
  /** any, one, quorum, all ('' = server default). */
  consistency?: string;
}

export class InfluxDBError extends Error {
  constructor(
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'InfluxDBError';
  }
}

export class InfluxDBClient {
  private readonly urls: URL[];
  private readonly tls: HttpsAgentOptions;
  private readonly timeoutMs: number | undefined;
  private httpAgent: HttpAgent | undefined;
  private httpsAgent: HttpsAgent | undefined;
  private current = 0;

  constructor(private readonly options: InfluxClientOptions) {
    if (options.urls.length === 0) throw new InfluxDBError('no URLs configured for InfluxDB');
    this.urls = options.urls.map((u) => {
      try {
        return new URL(u);
      } catch {
        throw new InfluxDBError(`invalid InfluxDB URL ${JSON.stringify(u)}`);
      }
    });
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : undefined;
    // TLS files are read now (a missing file fails the client at once); the agents are made on first use.
    this.tls = {
      rejectUnauthorized: !options.insecureSkipVerify,
      ...(options.sslCa ? { ca: readFileSync(options.sslCa) } : {}),
      ...(options.sslCert ? { cert: readFileSync(options.sslCert) } : {}),
      ...(options.sslKey ? { key: readFileSync(options.sslKey) } : {}),
    };
  }

  private agentFor(url: URL): HttpAgent {
    if (url.protocol === 'https:') return (this.httpsAgent ??= new HttpsAgent({ keepAlive: true, ...this.tls }));
    return (this.httpAgent ??= new HttpAgent({ keepAlive: true }));
  }

  /** Pings the cluster; resolves with the server version. */
  async ping(): Promise<string> {
    const response = await this.send('GET', '/ping', {});
    if (response.status !== 204 && response.status !== 200) {
      throw new InfluxDBError(`ping failed: ${response.status} ${response.body}`, response.status);
    }
    return response.version;
  }

  /** Runs InfluxQL; resolves with every statement's result (statement errors included). */
  async query(command: string, params: { db?: string; rp?: string } = {}): Promise<InfluxResult[]> {
    const query: Record<string, string> = { q: command };
    if (params.db) query.db = params.db;
    if (params.rp) query.rp = params.rp;
    const response = await this.send('POST', '/query', query, Buffer.from(new URLSearchParams(query).toString()), 'application/x-www-form-urlencoded');
    let parsed: { results?: InfluxResult[]; error?: string };
    try {
      parsed = JSON.parse(response.body) as typeof parsed;
    } catch {
      throw new InfluxDBError(`invalid response from InfluxDB: ${response.status} ${response.body.slice(0, 200)}`, response.status);
    }
    if (parsed.error) throw new InfluxDBError(parsed.error, response.status);
    if (response.status >= 300) throw new InfluxDBError(`query failed: ${response.status} ${response.body}`, response.status);
    return parsed.results ?? [];
  }

  /** Runs InfluxQL and throws the first statement error. */
  async execute(command: string, params: { db?: string; rp?: string } = {}): Promise<InfluxResult[]> {
    const results = await this.query(command, params);
    for (const result of results) if (result.error) throw new InfluxDBError(result.error);
    return results;
  }

  /** Writes line protocol. */
  async write(body: string | Buffer, options: WriteOptions): Promise<void> {
    const query: Record<string, string> = { db: options.database };
    if (options.retentionPolicy) query.rp = options.retentionPolicy;
    if (options.precision) query.precision = options.precision;
    if (options.consistency) query.consistency = options.consistency;
    let payload = typeof body === 'string' ? Buffer.from(body) : body;
    const gzip = this.options.compression === 'gzip';
    if (gzip) payload = gzipSync(payload);
    const response = await this.send('POST', '/write', query, payload, 'text/plain; charset=utf-8', gzip);
    if (response.status !== 204 && response.status !== 200) {
      let message = response.body.trim();
      try {
        message = (JSON.parse(response.body) as { error?: string }).error ?? message;
      } catch {
        /* plain-text error */
      }
      throw new InfluxDBError(`write failed: ${message}`, response.status);
    }
  }

  async createDatabase(name: string, retentionPolicy?: string): Promise<void> {
    await this.execute(`CREATE DATABASE ${quoteIdent(name)}`);
    if (retentionPolicy && retentionPolicy !== 'autogen') {
      const rps = await this.execute(`SHOW RETENTION POLICIES ON ${quoteIdent(name)}`);
      const exists = (rps[0]?.series?.[0]?.values ?? []).some((row) => row[0] === retentionPolicy);
      if (!exists) await this.execute(`CREATE RETENTION POLICY ${quoteIdent(retentionPolicy)} ON ${quoteIdent(name)} DURATION INF REPLICATION 1`);
    }
  }

  async close(): Promise<void> {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
    this.httpAgent = undefined;
    this.httpsAgent = undefined;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: Buffer,
    contentType?: string,
    gzip = false,
  ): Promise<{ status: number; body: string; version: string }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const base = this.urls[this.current]!;
      const url = new URL(base.pathname.replace(/\/+$/, '') + path, base);
      if (method === 'GET' || path !== '/query') for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      if (gzip) headers['content-encoding'] = 'gzip';
      const username = this.options.username || decodeURIComponent(base.username);
      const password = this.options.password || decodeURIComponent(base.password);
      if (this.options.token) headers.authorization = `Token ${this.options.token}`;
      else if (this.options.sharedSecret !== undefined) headers.authorization = `Bearer ${sharedSecretToken(username, this.options.sharedSecret)}`;
      else if (username) headers.authorization = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
      url.username = '';
      url.password = '';
      try {
        return await this.exchange(url, method, headers, body);
      } catch (error) {
        lastError = error;
        this.current = (this.current + 1) % this.urls.length;
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new InfluxDBError(`failed to reach InfluxDB: ${reason}`);
  }

  /** One request and its whole answer; rejects when the connection fails or goes quiet past the timeout. */
  private exchange(
    url: URL,
    method: string,
    headers: OutgoingHttpHeaders,
    body: Buffer | undefined,
  ): Promise<{ status: number; body: string; version: string }> {
    return new Promise((resolve, reject) => {
      if (body !== undefined) headers['content-length'] = body.length;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, { method, headers, agent: this.agentFor(url) }, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const version = response.headers['x-influxdb-version'];
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), version: typeof version === 'string' ? version : '' });
        });
      });
      const timeout = this.timeoutMs;
      if (timeout !== undefined) request.setTimeout(timeout, () => request.destroy(new Error(`no answer within ${timeout}ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}

/** An InfluxQL identifier, double-quoted and escaped. */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** An InfluxQL string literal, single-quoted and escaped. */
export function quoteString(value: string): string {
  return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** The JWT InfluxDB accepts with its shared-secret auth: HS512 over {username, exp}. */
export function sharedSecretToken(username: string, secret: string, nowMs = Date.now()): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS512', typ: 'JWT' })}.${encode({ exp: Math.floor(nowMs / 1000) + 600, username })}`;
  return `${unsigned}.${createHmac('sha512', secret).update(unsigned).digest('base64url')}`;
}
