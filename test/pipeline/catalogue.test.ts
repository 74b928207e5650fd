// The node catalogue: every kind is reachable, names and chain sets match Kapacitor's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHandlerSpecs, allNodeSpecs, chainMethod, isHandlerProperty, nodeSpec, property } from '../../src/pipeline/catalogue/index.js';

test('the property notation parses fields, methods, variadics, accumulation and handlers', () => {
  assert.deepEqual(property('period:d'), { name: 'period', form: 'field', params: ['time.Duration'], accumulates: false });
  assert.deepEqual(property('header(s,s)+'), {
    name: 'header',
    form: 'method',
    params: ['string', 'string'],
    variadic: undefined,
    accumulates: true,
    opens: undefined,
  });
  assert.deepEqual(property('exec(s,...s)>exec'), { name: 'exec', form: 'method', params: ['string'], variadic: 'string', accumulates: true, opens: 'exec' });
});

test('sources chain only to their own nodes; chain nodes share the rest', () => {
  assert.ok(chainMethod(nodeSpec('stream'), 'from'));
  assert.equal(chainMethod(nodeSpec('stream'), 'window'), undefined);
  assert.ok(chainMethod(nodeSpec('stream'), 'deadman'));
  assert.equal(chainMethod(nodeSpec('batch'), 'from'), undefined);
  assert.ok(chainMethod(nodeSpec('from'), 'window'));
  assert.equal(chainMethod(nodeSpec('influxDBOut'), 'log'), undefined);
});

test('every kind has a DOT name and every handler a Go type', () => {
  const kinds = allNodeSpecs().map((s) => s.kind);
  for (const kind of [
    'stream',
    'batch',
    'from',
    'query',
    'window',
    'groupBy',
    'alert',
    'httpOut',
    'httpPost',
    'influxDBOut',
    'kapacitorLoopback',
    'sideload',
    'k8sAutoscale',
    'swarmAutoscale',
    'ec2Autoscale',
    'mean',
    'holtWintersWithFit',
    'barrier',
    'trickle',
  ]) {
    assert.ok(kinds.includes(kind), kind);
  }
  assert.equal(nodeSpec('httpOut').desc, 'http_out');
  assert.equal(nodeSpec('stateCount').desc, 'state_count');
  assert.ok(allHandlerSpecs().every((h) => h.goType.endsWith('Handler')));
});

test('the alert properties that open a handler come from the alert entry', () => {
  for (const handler of allHandlerSpecs()) assert.equal(isHandlerProperty(handler.kind), true, handler.kind);
  for (const name of ['topic', 'message', 'inhibit', 'stateChangesOnly', 'header']) assert.equal(isHandlerProperty(name), false, name);
});
