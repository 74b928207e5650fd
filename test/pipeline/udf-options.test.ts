// `@name()` UDF calls at define time: options are checked against the function's Info
// (argument count and udf.proto value types) with Kapacitor's messages; accepted options are
// kept on the node in call order with their typed values.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline, type UdfInfo } from '../../src/pipeline/build.js';
import { parse } from '../../src/tick/parser.js';

const udfs: Record<string, UdfInfo> = {
  customFunc: {
    wants: 'stream',
    provides: 'stream',
    options: { opt1: ['STRING'], opt2: ['BOOL', 'INT', 'DOUBLE', 'STRING', 'DURATION'] },
  },
  toBatch: { wants: 'stream', provides: 'batch', options: {} },
};

const build = (udfPart: string) =>
  buildPipeline(parse(`stream\n    |from()\n        .measurement('cpu')\n    @customFunc()\n${udfPart}    |httpOut('x')\n`), { udfs });

function buildError(udfPart: string): string {
  try {
    build(udfPart);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected an error');
}

test('options of every value type are accepted and kept in order', () => {
  const p = build("        .opt1('count')\n        .opt2(FALSE, 1, 1.0, '1.0', 1s)\n");
  const udf = p.nodes[2]!;
  assert.equal(udf.kind, 'udf');
  assert.equal(udf.name, 'customFunc2');
  assert.deepEqual(udf.args, ['customFunc']);
  assert.deepEqual(
    udf.properties.map((c) => c.name),
    ['opt1', 'opt2'],
  );
  assert.deepEqual(udf.properties[1]!.args, [false, 1n, 1.0, '1.0', { kind: 'duration', ns: 1_000_000_000n, literal: '1s' }]);
  assert.equal(p.nodes[3]!.name, 'http_out3');
});

test("wrong argument types and counts are refused with Kapacitor's texts", () => {
  assert.equal(buildError('        .opt1(1)\n'), 'line 5 char 10: unexpected arg to opt1, got INT expected STRING');
  assert.equal(buildError("        .opt2(FALSE, 1.0, 1.0, '1.0', 1s)\n"), 'line 5 char 10: unexpected arg to opt2, got DOUBLE expected INT');
  assert.equal(buildError("        .opt2(FALSE, 1, 1.0, '1.0', 1)\n"), 'line 5 char 10: unexpected arg to opt2, got INT expected DURATION');
  assert.equal(buildError("        .opt1('a', 'b')\n"), 'line 5 char 10: unexpected number of args to opt1, got 2 expected 1');
  assert.match(buildError("        .nope('a')\n"), /line 5 char 10: no method or property "nope" on \*pipeline\.UDFNode/);
});

test('the UDF edge types decide what may follow', () => {
  const p = buildPipeline(parse("stream\n    |from()\n    @toBatch()\n    |httpOut('x')\n"), { udfs });
  assert.equal(p.nodes[2]!.provides, 'batch');
  assert.equal(p.nodes[3]!.wants, 'batch');
});
