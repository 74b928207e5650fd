// [[scraper]] end to end: a local HTTP server serves Prometheus text behind basic auth (and a
// bearer token); static and file discovery give the targets; a stream task on the scraper's
// db/rp sees the samples and the up report; a scraper naming an unsupported discoverer is
// reported and does not run.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { defaultConfig } from '../../../src/config/index.js';
import { ScraperService } from '../../../src/services/scraper/scraper-service.js';
import { request, type TestServer } from '../../support/test-server.js';
import { outSeries, outTask, row, startWithInputs } from '../listeners/support.js';

const METRICS = `# TYPE requests_total counter
requests_total{code="200"} 42
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.5"} 3
latency_seconds_sum 1.2
latency_seconds_count 4
`;

let targets: Server;
let port: number;
const seen: Array<{ auth?: string; url?: string }> = [];
let dir: string;
let server: TestServer;

before(async () => {
  targets = createServer((request, response) => {
    seen.push({ auth: request.headers.authorization, url: request.url });
    const auth = request.headers.authorization;
    if (auth !== `Basic ${Buffer.from('prom:secret').toString('base64')}` && auth !== 'Bearer tok') {
      response.writeHead(401).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(METRICS);
  });
  await new Promise<void>((resolve) => targets.listen(0, '127.0.0.1', resolve));
  port = (targets.address() as { port: number }).port;
  dir = mkdtempSync(join(tmpdir(), 'scraper-'));
  writeFileSync(join(dir, 'targets.json'), JSON.stringify([{ targets: [`127.0.0.1:${port}`], labels: { env: 'file' } }]));
  const scraper = defaultConfig().scraper[0]!;
  server = await startWithInputs({
    scraper: [
      {
        ...scraper,
        enabled: true,
        name: 'basic',
        discovererService: 'static-discovery',
        discovererId: 'local',
        db: 'prom',
        rp: 'autogen',
        scrapeInterval: 100,
        username: 'prom',
        password: 'secret',
        params: { format: ['text'] },
      },
      {
        ...scraper,
        enabled: true,
        name: 'bearer',
        discovererService: 'file-discovery',
        discovererId: 'files',
        db: 'promfile',
        rp: 'autogen',
        scrapeInterval: 100,
        bearerToken: 'tok',
      },
      {
        ...scraper,
        enabled: true,
        name: 'denied',
        discovererService: 'static-discovery',
        discovererId: 'local',
        db: 'promdenied',
        rp: 'autogen',
        scrapeInterval: 100,
      },
    ],
    staticDiscovery: [{ ...defaultConfig().staticDiscovery[0]!, enabled: true, id: 'local', targets: [`127.0.0.1:${port}`], labels: { region: 'eu' } }],
    fileDiscovery: [{ ...defaultConfig().fileDiscovery[0]!, enabled: true, id: 'files', files: [join(dir, '*.json')] }],
  });
});
after(async () => {
  await server.close();
  await new Promise((resolve) => targets.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test('scraped samples reach a stream task with the target labels as tags', async () => {
  await outTask(server, 'prom_requests', 'prom', 'autogen', 'requests_total');
  const series = await outSeries(server, 'prom_requests');
  assert.equal(series[0]!.name, 'requests_total');
  assert.deepEqual(series[0]!.tags, { __name__: 'requests_total', code: '200', instance: `127.0.0.1:${port}`, region: 'eu' });
  assert.equal(row(series[0]!).value, 42);
  assert.ok(seen.some((s) => s.url === '/metrics?format=text'));
});

test('histogram buckets (with the implied +Inf) and the up report arrive too', async () => {
  await outTask(server, 'prom_buckets', 'prom', 'autogen', 'latency_seconds_bucket', true);
  await outTask(server, 'prom_up', 'prom', 'autogen', 'up');
  const buckets = await outSeries(server, 'prom_buckets', (s) => s.length === 2);
  assert.deepEqual(buckets.map((s) => [s.tags!.le, row(s).value]).sort(), [
    ['+Inf', 4],
    ['0.5', 3],
  ]);
  assert.equal(row((await outSeries(server, 'prom_up'))[0]!).value, 1);
});

test('file discovery targets are scraped with a bearer token', async () => {
  await outTask(server, 'prom_file', 'promfile', 'autogen', 'requests_total');
  const series = await outSeries(server, 'prom_file');
  assert.equal(series[0]!.tags!.env, 'file');
});

test('a target refusing the scrape reports up = 0', async () => {
  await outTask(server, 'prom_denied', 'promdenied', 'autogen', 'up');
  const series = await outSeries(server, 'prom_denied');
  assert.equal(row(series[0]!).value, 0);
});

test('a scraper naming an unsupported discoverer is reported and does not run; bad sections fail', () => {
  const scraper = { ...defaultConfig().scraper[0]!, enabled: true, discovererService: 'kubernetes', discovererId: 'k8s' };
  const service = new ScraperService({ scraper: [scraper] }, () => {}, pino({ level: 'silent' }));
  service.open();
  assert.deepEqual(service.warnings, ['[[scraper]] myscraper: discoverer-service "kubernetes" is not supported by this server; the scraper does not run']);
  service.close();
  assert.throws(() => new ScraperService({ scraper: [{ ...scraper, rp: '' }] }, () => {}, pino({ level: 'silent' })).open(), /must be given an rp/);
  assert.throws(
    () =>
      new ScraperService(
        { fileDiscovery: [{ ...defaultConfig().fileDiscovery[0]!, enabled: true, files: ['/x/targets.txt'] }] },
        () => {},
        pino({ level: 'silent' }),
      ).open(),
    /is not valid for file discovery/,
  );
});

test('an override of a discoverer through the config API restarts the scrapers with it', async () => {
  const listed = await request(server.url, 'GET', '/kapacitor/v1/config/static-discovery');
  assert.equal(listed.status, 200, listed.text);
  assert.equal(listed.json.elements[0].options.id, 'local');
  const updated = await request(server.url, 'POST', '/kapacitor/v1/config/static-discovery/local', { json: { set: { labels: { region: 'us' } } } });
  assert.equal(updated.status, 204, updated.text);
  const series = await outSeries(server, 'prom_requests', (s) => s.length > 0 && s[0]!.tags?.region === 'us');
  assert.equal(row(series[0]!).value, 42);
  const refused = await request(server.url, 'POST', '/kapacitor/v1/config/scraper/basic', { json: { set: { rp: '' } } });
  assert.equal(refused.status, 500);
  assert.match(refused.json.error, /must be given an rp/);
});
