// One scrape of one target: an HTTP GET with Prometheus' headers, basic or bearer
// authentication, TLS settings and the scrape timeout, answering the exposition text.
// Rejects with an Error worded as Prometheus words it (e.g. "server returned HTTP status
// 404 Not Found"); never retries.

import { request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

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
}

const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

export function scrapeText(url: string, client: ScrapeClient): Promise<string> {
  const headers: Record<string, string> = {
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip',
    'User-Agent': 'Kapacitor',
    'X-Prometheus-Scrape-Timeout-Seconds': (client.timeoutMs / 1000).toFixed(6),
  };
  if (client.username !== '') headers.Authorization = `Basic ${Buffer.from(`${client.username}:${client.password}`).toString('base64')}`;
  else if (client.bearerToken !== '') headers.Authorization = `Bearer ${client.bearerToken}`;
  const https = url.startsWith('https:');
  const tls = https
    ? {
        ca: client.sslCa === '' ? undefined : readFileSync(client.sslCa),
        cert: client.sslCert === '' ? undefined : readFileSync(client.sslCert),
        key: client.sslKey === '' ? undefined : readFileSync(client.sslKey),
        servername: client.sslServerName === '' ? undefined : client.sslServerName,
        rejectUnauthorized: !client.insecureSkipVerify,
      }
    : {};
  return new Promise((resolve, reject) => {
    const request = (https ? httpsRequest : httpRequest)(url, { method: 'GET', headers, timeout: client.timeoutMs, ...tls }, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          reject(new Error(`server returned HTTP status ${status} ${response.statusMessage || STATUS_CODES[status] || ''}`.trimEnd()));
          return;
        }
        try {
          const body = Buffer.concat(chunks);
          resolve((response.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    const timer = setTimeout(() => request.destroy(new Error(`context deadline exceeded (scrape timeout ${client.timeoutMs}ms)`)), client.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('error', reject);
    request.end();
  });
}
