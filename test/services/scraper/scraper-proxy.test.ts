// [[scraper]] proxy-url: a local proxy records what it is asked and forwards it; an http target
// is fetched with its absolute URL sent to the proxy (and the proxy's credentials), an https
// target through a CONNECT tunnel with TLS verified end to end; a refused CONNECT and a
// proxy-url that is not http:// are reported.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { defaultConfig } from '../../../src/config/index.js';
import { proxyUrlProblem } from '../../../src/services/scraper/proxy.js';
import { scrapeText, type ScrapeClient } from '../../../src/services/scraper/scrape.js';
import { ScraperService } from '../../../src/services/scraper/scraper-service.js';
import type { TestServer } from '../../support/test-server.js';
import { outSeries, outTask, row, startWithInputs } from '../listeners/support.js';
import { scrapeClient } from './scrape-client.js';

const METRICS = '# TYPE jobs_total counter\njobs_total 7\n';

interface Forwarded {
  method: string;
  url: string;
  proxyAuthorization?: string;
  authorization?: string;
}

let dir: string;
let target: Server;
let secureTarget: HttpsServer;
let proxy: Server;
let server: TestServer | undefined;
let refusing: Server;
const targetSaw: string[] = [];
const tunnels: Socket[] = [];
const forwarded: Forwarded[] = [];
const port = (server: Server | HttpsServer) => (server.address() as AddressInfo).port;
const listen = (server: Server | HttpsServer) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const close = (server: Server | HttpsServer) => new Promise((resolve) => server.close(resolve));

function record(request: IncomingMessage): void {
  forwarded.push({
    method: request.method ?? '',
    url: request.url ?? '',
    proxyAuthorization: request.headers['proxy-authorization'],
    authorization: request.headers.authorization,
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scraper-proxy-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  );
  const serve = (request: IncomingMessage, response: import('node:http').ServerResponse) => {
    targetSaw.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(METRICS);
  };
  target = createServer(serve);
  secureTarget = createHttpsServer({ cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) }, serve);
  // The proxy: absolute-form GETs are forwarded, CONNECT opens a tunnel.
  proxy = createServer((request, response) => {
    record(request);
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(request.url!, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    upstream.end();
  });
  proxy.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    record(request);
    const [host, tunnelPort] = (request.url ?? '').split(':');
    const upstream = connect(Number(tunnelPort), host, () => {
      tunnels.push(client, upstream);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  refusing = createServer((_, response) => response.writeHead(403).end());
  refusing.on('connect', (_: IncomingMessage, client: Socket) => client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
  await Promise.all([listen(target), listen(secureTarget), listen(proxy), listen(refusing)]);
});
after(async () => {
  await server?.close();
  for (const socket of tunnels) socket.destroy();
  for (const server of [target, secureTarget, proxy, refusing]) {
    server.closeAllConnections();
    await close(server);
  }
  rmSync(dir, { recursive: true, force: true });
});

const client = (overrides: Partial<ScrapeClient>): ScrapeClient => scrapeClient({ timeoutMs: 3000, ...overrides });

test('an http target is asked for through the proxy with its absolute URL and the proxy credentials', async () => {
  forwarded.length = 0;
  const url = `http://127.0.0.1:${port(target)}/metrics?x=1`;
  const text = await scrapeText(url, client({ proxyUrl: `http://scrape%40er:s3cret@127.0.0.1:${port(proxy)}`, bearerToken: 'tok' }));
  assert.equal(text, METRICS);
  assert.deepEqual(forwarded, [
    { method: 'GET', url, proxyAuthorization: `Basic ${Buffer.from('scrape@er:s3cret').toString('base64')}`, authorization: 'Bearer tok' },
  ]);
  assert.equal(targetSaw.at(-1), '/metrics?x=1');
});

test('an https target is reached through a CONNECT tunnel, its certificate checked end to end', async () => {
  forwarded.length = 0;
  const url = `https://127.0.0.1:${port(secureTarget)}/metrics`;
  const text = await scrapeText(url, client({ proxyUrl: `http://127.0.0.1:${port(proxy)}`, sslCa: join(dir, 'cert.pem'), bearerToken: 'tok' }));
  assert.equal(text, METRICS);
  assert.deepEqual(forwarded, [{ method: 'CONNECT', url: `127.0.0.1:${port(secureTarget)}`, proxyAuthorization: undefined, authorization: undefined }]);
  // Without the CA the tunnelled TLS handshake fails: TLS runs with the target, not the proxy.
  await assert.rejects(scrapeText(url, client({ proxyUrl: `http://127.0.0.1:${port(proxy)}` })), /self[- ]signed/);
});

test('a refused CONNECT and an unusable proxy-url are reported', async () => {
  await assert.rejects(
    scrapeText(`https://127.0.0.1:${port(secureTarget)}/metrics`, client({ proxyUrl: `http://127.0.0.1:${port(refusing)}` })),
    /proxy refused CONNECT 127\.0\.0\.1:\d+: 407/,
  );
  await assert.rejects(scrapeText(`http://127.0.0.1:${port(target)}/metrics`, client({ proxyUrl: `http://127.0.0.1:${port(refusing)}` })), /HTTP status 403/);
  assert.equal(proxyUrlProblem(''), undefined);
  assert.equal(proxyUrlProblem('socks5://127.0.0.1:1080'), 'only http:// proxies are supported, got "socks5"');
  assert.match(proxyUrlProblem('not a url')!, /invalid proxy URL/);
  const scraper = { ...defaultConfig().scraper[0]!, enabled: true, proxyUrl: 'https://proxy:3128' };
  assert.throws(
    () => new ScraperService({ scraper: [scraper] }, () => {}, pino({ level: 'silent' })).open(),
    /\[\[scraper\]\] myscraper: proxy-url: only http:\/\/ proxies are supported, got "https"/,
  );
});

test('a configured scraper scrapes through its proxy-url', async () => {
  forwarded.length = 0;
  server = await startWithInputs({
    scraper: [
      {
        ...defaultConfig().scraper[0]!,
        enabled: true,
        name: 'proxied',
        discovererService: 'static-discovery',
        discovererId: 'local',
        db: 'prom',
        rp: 'autogen',
        scrapeInterval: 100,
        proxyUrl: `http://127.0.0.1:${port(proxy)}`,
      },
    ],
    staticDiscovery: [{ ...defaultConfig().staticDiscovery[0]!, enabled: true, id: 'local', targets: [`127.0.0.1:${port(target)}`] }],
  });
  await outTask(server, 'proxied_jobs', 'prom', 'autogen', 'jobs_total');
  const series = await outSeries(server, 'proxied_jobs');
  assert.equal(row(series[0]!).value, 7);
  assert.ok(forwarded.some((f) => f.method === 'GET' && f.url === `http://127.0.0.1:${port(target)}/metrics`));
});
