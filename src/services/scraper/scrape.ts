// One scrape of one target: an HTTP GET with Prometheus' headers, basic or bearer
// authentication, TLS settings, the proxy (proxy.ts) and the scrape timeout, answering the
// exposition text. Rejects with an Error worded as Prometheus words it (e.g. "server returned
// HTTP status 404 Not Found"); never retries.

import { request as httpRequest, STATUS_CODES, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { openTunnel, parseProxyUrl, proxiedRequestOptions } from './proxy.js';

export interface ScrapeClient {
  timeoutMs: number;
  username: string;
  password: string;
  bearerToken: string;
  sslCa: string;
  sslCert: string;
  sslKey: string;
  sslServerName: string;
  insecureSkipVerify: boolean;
  /** http:// proxy the scrape goes through; '' for none. */
  proxyUrl: string;
}

const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

export function scrapeText(url: string, client: ScrapeClient): Promise<string> {
  const headers: OutgoingHttpHeaders = {
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip',
    'User-Agent': 'Kapacitor',
    'X-Prometheus-Scrape-Timeout-Seconds': (client.timeoutMs / 1000).toFixed(6),
  };
  if (client.username !== '') headers.Authorization = `Basic ${Buffer.from(`${client.username}:${client.password}`).toString('base64')}`;
  else if (client.bearerToken !== '') headers.Authorization = `Bearer ${client.bearerToken}`;
  const target = new URL(url);
  const proxy = client.proxyUrl === '' ? undefined : parseProxyUrl(client.proxyUrl);
  const https = target.protocol === 'https:';
  const tls: ConnectionOptions = https
    ? {
        ca: client.sslCa === '' ? undefined : readFileSync(client.sslCa),
        cert: client.sslCert === '' ? undefined : readFileSync(client.sslCert),
        key: client.sslKey === '' ? undefined : readFileSync(client.sslKey),
        servername: client.sslServerName === '' ? undefined : client.sslServerName,
        rejectUnauthorized: !client.insecureSkipVerify,
      }
    : {};
  return new Promise((resolve, reject) => {
    let current: ClientRequest | undefined;
    /** The tunnel's sockets (raw and TLS): closed once the scrape is over, whatever its outcome. */
    const tunnelSockets: Array<{ destroy(): void }> = [];
    let settled = false;
    const finish = (error: Error | undefined, text?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const socket of tunnelSockets) socket.destroy();
      if (error === undefined) resolve(text ?? '');
      else {
        current?.destroy();
        reject(error);
      }
    };
    const timer = setTimeout(() => finish(new Error(`context deadline exceeded (scrape timeout ${client.timeoutMs}ms)`)), client.timeoutMs);
    const get = (send: () => ClientRequest): void => {
      if (settled) return;
      const request = send();
      current = request;
      request.on('response', (response: IncomingMessage) => readBody(response, finish));
      request.on('error', (error) => finish(error));
      request.end();
    };
    if (proxy === undefined) {
      get(() => (https ? httpsRequest : httpRequest)(url, { method: 'GET', headers, ...tls }));
    } else if (!https) {
      get(() => httpRequest(proxiedRequestOptions(proxy, target, headers)));
    } else {
      const tunnel = openTunnel(proxy, target);
      current = tunnel.request;
      tunnel.socket.then(
        (socket) => {
          tunnelSockets.push(socket);
          const host = target.hostname.replace(/^\[|\]$/g, '');
          const servername = tls.servername ?? (isIP(host) === 0 ? host : undefined);
          const options: HttpsRequestOptions = {
            method: 'GET',
            headers,
            createConnection: () => {
              const secure = tlsConnect({ ...tls, host, servername, socket });
              tunnelSockets.push(secure);
              return secure;
            },
          };
          if (settled) socket.destroy();
          else get(() => httpsRequest(url, options));
        },
        (error: Error) => finish(error),
      );
    }
  });
}

/** Largest exposition body read, before and after gzip (a target cannot exhaust memory). */
export const SCRAPE_BODY_LIMIT = 64 * 1024 * 1024;

function readBody(response: IncomingMessage, finish: (error: Error | undefined, text?: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > SCRAPE_BODY_LIMIT) finish(new Error(`body size limit exceeded (${SCRAPE_BODY_LIMIT} bytes)`));
    else chunks.push(chunk);
  });
  response.on('error', (error) => finish(error));
  response.on('end', () => {
    const status = response.statusCode ?? 0;
    if (status !== 200) {
      finish(new Error(`server returned HTTP status ${status} ${response.statusMessage || STATUS_CODES[status] || ''}`.trimEnd()));
      return;
    }
    try {
      const body = Buffer.concat(chunks);
      const text = response.headers['content-encoding'] === 'gzip' ? gunzipSync(body, { maxOutputLength: SCRAPE_BODY_LIMIT }) : body;
      finish(undefined, text.toString('utf8'));
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      finish(tooLarge ? new Error(`body size limit exceeded (${SCRAPE_BODY_LIMIT} bytes)`) : error instanceof Error ? error : new Error(String(error)));
    }
  });
}
