// Graphite templates and lines as InfluxDB 1.x documents them: tags, greedy measurement and
// field, separators, filters (most specific wins), template and default tags, timestamps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphiteLineError, GraphiteParser } from '../../../src/services/listeners/graphite/parser.js';
import { validateGraphite } from '../../../src/services/listeners/graphite/template.js';

const NOW = 1_500_000_000_000_000_000n;

function parser(templates: string[], options: { tags?: string[]; separator?: string } = {}): GraphiteParser {
  return new GraphiteParser({ templates, tags: options.tags ?? [], separator: options.separator ?? '.', database: 'graphite', retentionPolicy: '' });
}

function parsed(p: GraphiteParser, line: string) {
  const point = p.parse(line, NOW);
  return { name: point.name, tags: { ...point.tags }, fields: point.fields, time: point.time };
}

test('without templates the whole path is the measurement', () => {
  assert.deepEqual(parsed(parser([]), 'servers.localhost.cpu.loadavg.10 1.5 1435077219'), {
    name: 'servers.localhost.cpu.loadavg.10',
    tags: {},
    fields: { value: 1.5 },
    time: 1435077219_000_000_000n,
  });
});

test('basic matching: tags by position and a greedy measurement', () => {
  const point = parsed(parser(['.host.resource.measurement*']), 'servers.localhost.cpu.loadavg.10 3');
  assert.equal(point.name, 'loadavg.10');
  assert.deepEqual(point.tags, { host: 'localhost', resource: 'cpu' });
  assert.equal(point.time, NOW);
});

test('a tag or measurement named twice joins its parts with the separator', () => {
  const line = 'servers.localhost.localdomain.cpu.cpu0.user 1';
  const dotted = parsed(parser(['.host.host.measurement.cpu.measurement']), line);
  assert.equal(dotted.name, 'cpu.user');
  assert.deepEqual(dotted.tags, { host: 'localhost.localdomain', cpu: 'cpu0' });
  const underscored = parsed(parser(['.host.host.measurement.cpu.measurement'], { separator: '_' }), line);
  assert.equal(underscored.name, 'cpu_user');
  assert.deepEqual(underscored.tags, { host: 'localhost_localdomain', cpu: 'cpu0' });
});

test('field and field* name the field instead of "value"', () => {
  assert.deepEqual(parsed(parser(['.host.measurement.field']), 'servers.localhost.cpu.idle 42').fields, { idle: 42 });
  const greedy = parsed(parser(['.host.measurement.field*']), 'servers.localhost.cpu.loadavg.10 7');
  assert.equal(greedy.name, 'cpu');
  assert.deepEqual(greedy.fields, { 'loadavg.10': 7 });
});

test('filters choose the template, the most specific one winning, else the default template', () => {
  const p = parser([
    'cpu.* measurement.measurement.region',
    'mem.* measurement.measurement.host',
    'cpu.load.* measurement.measurement.field.host',
    'measurement.host',
  ]);
  assert.deepEqual(parsed(p, 'cpu.idle.eu-east 1'), { name: 'cpu.idle', tags: { region: 'eu-east' }, fields: { value: 1 }, time: NOW });
  assert.deepEqual(parsed(p, 'mem.free.server01 2').tags, { host: 'server01' });
  const load = parsed(p, 'cpu.load.shortterm.server02 3');
  assert.equal(load.name, 'cpu.load');
  assert.deepEqual(load.tags, { host: 'server02' });
  assert.deepEqual(load.fields, { shortterm: 3 });
  assert.deepEqual(parsed(p, 'disk.server03.used 4'), { name: 'disk', tags: { host: 'server03' }, fields: { value: 4 }, time: NOW });
});

test('a wildcard filter part matches any one part; an exact part is followed without going back', () => {
  const p = parser(['*.cpu.* .measurement.cpu', 'servers.*.mem .measurement*']);
  assert.deepEqual(parsed(p, 'hosts.cpu.cpu0 1').tags, { cpu: 'cpu0' });
  assert.equal(parsed(p, 'servers.a.mem 1').name, 'a.mem');
  // "servers" matched exactly, so "*.cpu.*" is not tried: the default template applies.
  assert.equal(parsed(p, 'servers.cpu.cpu0 1').name, 'servers.cpu.cpu0');
});

test('template tags and configured tags are added; parsed tags win over configured ones', () => {
  const p = parser(['cpu.* measurement.measurement.region datacenter=1a,rack=2'], { tags: ['region=default', 'env=prod'] });
  assert.deepEqual(parsed(p, 'cpu.idle.us-west 1').tags, { datacenter: '1a', rack: '2', region: 'us-west', env: 'prod' });
  assert.deepEqual(parsed(p, 'other.metric 1').tags, { region: 'default', env: 'prod' });
});

test('timestamps are Unix seconds, fractions kept, -1 meaning now; bad lines are refused', () => {
  const p = parser([]);
  assert.equal(p.parse('a.b 1 1435077219.5', NOW).time, 1435077219_500_000_000n);
  assert.equal(p.parse('a.b 1 -1', NOW).time, NOW);
  assert.throws(() => p.parse('a.b', NOW), /doesn't have required fields/);
  assert.throws(() => p.parse('a.b x 1', NOW), /field "a.b" value: .*invalid syntax/);
  assert.throws(() => p.parse('a.b 1 3000000000', NOW), /timestamp out of range/);
  assert.throws(
    () => p.parse('a.b NaN', NOW),
    (error: unknown) => error instanceof GraphiteLineError && error.nan,
  );
});

test('templates are validated as InfluxDB validates them', () => {
  assert.throws(() => validateGraphite(['host.cpu'], []), /no measurement in template `host.cpu`/);
  assert.throws(() => validateGraphite(['cpu.* measurement', 'cpu.* .measurement'], []), /duplicate filter 'cpu.\*' found at position: 1/);
  assert.throws(() => validateGraphite(['cp*.x measurement'], []), /invalid filter wildcard section: cp\*.x/);
  assert.throws(() => validateGraphite(['a b c d'], []), /invalid template format/);
  assert.throws(() => validateGraphite([], ['novalue']), /invalid template tags/);
  assert.doesNotThrow(() => validateGraphite(['cpu.* .host.measurement* region=us'], ['env=prod']));
});
