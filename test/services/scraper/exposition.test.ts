// The Prometheus text format: counters, gauges, untyped, histograms and summaries into
// samples; labels, escapes, timestamps, special values; refused text; targets and points.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpositionError, parseExposition } from '../../../src/services/scraper/exposition.js';
import { reportSamples, samplePoints } from '../../../src/services/scraper/points.js';
import { target } from '../../../src/services/scraper/targets.js';
import { parseTargetFile } from '../../../src/services/scraper/discovery/file.js';
import { DnsDiscoverer } from '../../../src/services/scraper/discovery/dns.js';
import { defaultConfig } from '../../../src/config/index.js';
import pino from 'pino';

const TEXT = `# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="0.00001"} 10
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# Finally a summary, which has a complex representation, too:
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds_count 2693
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds_sum 1.7560473e+07
# TYPE temperature gauge
temperature NaN
`;

test('the exposition example parses into samples in family order', () => {
  const samples = parseExposition(TEXT);
  const brief = samples.map((s) => [s.labels.__name__, s.labels.le ?? s.labels.quantile ?? s.labels.code ?? '', s.value, s.timestampMs]);
  assert.deepEqual(brief, [
    ['http_requests_total', '200', 1027, 1395066363000],
    ['http_requests_total', '400', 3, 1395066363000],
    ['msdos_file_access_time_seconds', '', 1458255915, undefined],
    ['metric_without_timestamp_and_labels', '', 12.47, undefined],
    ['something_weird', '', Infinity, -3982045],
    ['http_request_duration_seconds_bucket', '0.05', 24054, undefined],
    ['http_request_duration_seconds_bucket', '0.1', 33444, undefined],
    ['http_request_duration_seconds_bucket', '1e-05', 10, undefined],
    ['http_request_duration_seconds_bucket', '+Inf', 144320, undefined],
    ['http_request_duration_seconds_sum', '', 53423, undefined],
    ['http_request_duration_seconds_count', '', 144320, undefined],
    ['rpc_duration_seconds', '0.01', 3102, undefined],
    ['rpc_duration_seconds', '0.5', 4773, undefined],
    ['rpc_duration_seconds_sum', '', 17560473, undefined],
    ['rpc_duration_seconds_count', '', 2693, undefined],
    ['temperature', '', NaN, undefined],
  ]);
  assert.deepEqual(samples[2]!.labels, { __name__: 'msdos_file_access_time_seconds', path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
});

test('text that is not the exposition format is refused with the line', () => {
  assert.throws(
    () => parseExposition('ok 1\n{bad} 1\n'),
    (e: unknown) => e instanceof ExpositionError && /line 2/.test(e.message),
  );
  assert.throws(() => parseExposition('m{a="1} 2'), /unterminated/);
  assert.throws(() => parseExposition('m 1 2 3'), /expected a value/);
  assert.throws(() => parseExposition('m abc'), /expected float/);
  assert.throws(() => parseExposition('# TYPE h histogram\nh_bucket 1'), /expected label le/);
  assert.throws(() => parseExposition('# TYPE m wrong\n'), /unknown metric type/);
});

test('target labels: default port, instance, job, params, and __ labels steering the URL', () => {
  const settings = { job: 'db|rp|s', scheme: 'http', metricsPath: '/metrics', params: { module: ['a', 'b'] } };
  assert.deepEqual(target({ __address__: 'host1', region: 'eu' }, settings), {
    url: 'http://host1:80/metrics?module=a&module=b',
    labels: { region: 'eu', job: 'db|rp|s', instance: 'host1:80' },
  });
  assert.deepEqual(target({ __address__: '[::1]:9100', __scheme__: 'https', __metrics_path__: '/m', __param_module: 'x' }, { ...settings, params: {} }), {
    url: 'https://[::1]:9100/m?module=x',
    labels: { job: 'db|rp|s', instance: '[::1]:9100' },
  });
});

test('samples become Kapacitor points: measurement, tags with __name__, no job, exported_ labels, NaN and blacklist dropped', () => {
  const samples = parseExposition('cpu{instance="inner",mode="idle"} 5\ncpu{mode="user"} NaN\nup_time 3 1000\n');
  const labels = { job: 'prom|autogen|s', instance: 'h:80', region: 'eu' };
  const points = samplePoints(samples, { database: 'prom', retentionPolicy: 'autogen', labels, blacklist: [] }, 2000);
  assert.deepEqual(
    points.map((p) => ({ name: p.name, tags: p.tags, fields: p.fields, time: p.time })),
    [
      {
        name: 'cpu',
        tags: { __name__: 'cpu', instance: 'h:80', mode: 'idle', exported_instance: 'inner', region: 'eu' },
        fields: { value: 5 },
        time: 2_000_000_000n,
      },
      { name: 'up_time', tags: { __name__: 'up_time', instance: 'h:80', region: 'eu' }, fields: { value: 3 }, time: 1_000_000_000n },
    ],
  );
  assert.equal(samplePoints(samples, { database: 'prom', retentionPolicy: 'autogen', labels, blacklist: ['h:80'] }, 0).length, 0);
  assert.deepEqual(
    reportSamples(false, 0.5, 0, 7).map((s) => [s.labels.__name__, s.value]),
    [
      ['up', 0],
      ['scrape_duration_seconds', 0.5],
      ['scrape_samples_scraped', 0],
      ['scrape_samples_post_metric_relabeling', 0],
    ],
  );
});

test('file discovery reads JSON and YAML target lists', () => {
  assert.deepEqual(parseTargetFile('/t/a.json', '[{"targets":["h:1","h:2"],"labels":{"env":"prod"}}]'), [
    { source: '/t/a.json:0', targets: ['h:1', 'h:2'], labels: { __meta_filepath: '/t/a.json', env: 'prod' } },
  ]);
  assert.deepEqual(parseTargetFile('/t/b.yml', '- targets: ["h:3"]\n'), [{ source: '/t/b.yml:0', targets: ['h:3'], labels: { __meta_filepath: '/t/b.yml' } }]);
  assert.throws(() => parseTargetFile('/t/c.json', '{"targets":[]}'), /list of target groups/);
});

test('DNS discovery turns SRV, A and AAAA answers into targets', async () => {
  const resolver = {
    resolveSrv: async () => [{ name: 'node1.example.com.', port: 9100, priority: 0, weight: 0 }],
    resolve4: async () => ['10.0.0.1'],
    resolve6: async () => ['fe80::1'],
  } as never;
  const base = { ...defaultConfig().dns[0]!, recordNames: ['_prom._tcp.example.com'] };
  const logger = pino({ level: 'silent' });
  assert.deepEqual((await new DnsDiscoverer(base, logger, resolver).lookup())[0]!.targets, ['node1.example.com:9100']);
  assert.deepEqual((await new DnsDiscoverer({ ...base, type: 'A', port: 9090 }, logger, resolver).lookup())[0]!.targets, ['10.0.0.1:9090']);
  assert.deepEqual((await new DnsDiscoverer({ ...base, type: 'AAAA', port: 9090 }, logger, resolver).lookup())[0]!.targets, ['[fe80::1]:9090']);
  assert.throws(() => new DnsDiscoverer({ ...base, type: 'A', port: 0 }, logger, resolver), /Port required/);
});
