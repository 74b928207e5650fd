// Nodes on batch edges (batches made by windows here): combine, delete of a group tag, sum and
// count of empty batches, join with fill (points and batches), and httpPost URL templates.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { buildPipeline } from '../../../src/pipeline/build.js';
import { parse } from '../../../src/tick/parser.js';
import { run, sec } from '../harness.js';

const WINDOW = `window().period(10s).every(10s).align()`;

test('combine on batches combines the points sharing a rounded time, in time order, and emits points', () => {
  const t = run(`stream|from().measurement('lat').groupBy('dc', 'svc')|${WINDOW}|groupBy('dc')
|combine(lambda: TRUE, lambda: TRUE).as('a', 'b').tolerance(5s)
|groupBy('a.svc', 'b.svc', 'dc')|eval(lambda: "a.v" / "b.v").as('r')|httpOut('out')`);
  // grouped by (dc, svc) the window batches reach combine as one dc batch ordered by service,
  // not by time: combine must still pair x@10 with y@11 (rounded to 10s) and z@12.
  t.write(
    [
      'lat,dc=A,svc=z v=4 12',
      'lat,dc=A,svc=x v=8 10',
      'lat,dc=A,svc=y v=2 11',
      'lat,dc=A,svc=x v=3 15',
      'lat,dc=A,svc=y v=6 16',
      'lat,dc=A,svc=z v=1 17',
      'lat,dc=A,svc=x v=0 20',
      'lat,dc=A,svc=y v=0 21',
      'lat,dc=A,svc=z v=0 22',
      'lat,dc=A,svc=x v=0 30',
      'lat,dc=A,svc=y v=0 31',
      'lat,dc=A,svc=z v=0 32',
    ].join('\n'),
  );
  const series = t.result().series!;
  const byTags = (a: string, b: string) => series.find((s) => s.tags!['a.svc'] === a && s.tags!['b.svc'] === b);
  // the window [10s, 20s) is emitted when the 30s points arrive: combinations at 10s and 15s,
  // the last (15s) one kept by httpOut; the first member is the earlier point.
  assert.deepEqual(byTags('x', 'y')?.values, [[sec(15), 0.5]]);
  assert.deepEqual(byTags('x', 'z')?.values, [[sec(15), 3]]);
  assert.deepEqual(byTags('y', 'z')?.values, [[sec(15), 6]]);
  assert.equal(series.length, 3);
  assert.deepEqual(byTags('x', 'y')?.tags, { 'a.svc': 'x', 'b.svc': 'y', dc: 'A' });
});

test('combine on batches: each lambda takes the first matching member', () => {
  const t = run(`stream|from().measurement('lat')|${WINDOW}
|combine(lambda: "svc" == 'y', lambda: TRUE).as('y', 'other')|groupBy('other.svc')|httpOut('out')`);
  t.write('lat,svc=x v=1 1\nlat,svc=y v=2 1\nlat,svc=z v=3 1\nlat v=0 10\nlat v=0 20');
  const series = t.result().series!;
  assert.deepEqual(series.map((s) => s.tags!['other.svc']).sort(), ['x', 'z']);
  assert.deepEqual(series.find((s) => s.tags!['other.svc'] === 'z')!.values, [[sec(1), 3, 2]]);
});

test('combine provides a stream edge, also under a batch query', () => {
  const pipeline = buildPipeline(
    parse(`batch|query('SELECT v FROM db.rp.m').period(10s).every(10s)
|combine(lambda: TRUE, lambda: TRUE).as('a', 'b')|window().period(10s).every(10s)|count('a.v')`),
    { taskType: 'batch' },
  );
  const combine = pipeline.nodes.find((n) => n.kind === 'combine')!;
  assert.equal(combine.wants, 'batch');
  assert.equal(combine.provides, 'stream');
});

test('delete of a group tag also removes it from the group, for points and batches', () => {
  const points = run(`stream|from().measurement('cpu').groupBy('dc', 'cpu')|delete().tag('dc')|${WINDOW}|count('v')|httpOut('out')`);
  points.write('cpu,dc=a,cpu=0 v=1 1\ncpu,dc=b,cpu=0 v=1 2\ncpu,dc=b,cpu=1 v=1 3\ncpu,dc=a,cpu=0 v=1 11\ncpu,dc=a,cpu=1 v=1 12');
  assert.deepEqual(points.values('out', { cpu: '0' }), [[sec(10), 2n]]);
  assert.deepEqual(points.values('out', { cpu: '1' }), [[sec(10), 1n]]);
  const stats = points.stats().nodes.delete2!;
  assert.equal(stats.counters.tags_deleted, 5);

  const batches = run(`stream|from().measurement('cpu').groupBy('dc')|${WINDOW}|delete().tag('dc')|httpOut('out')`, { id: 'b' });
  batches.write('cpu,dc=a v=1 1\ncpu,dc=b v=2 2\ncpu,dc=a v=3 11\ncpu,dc=b v=4 12');
  const series = batches.result().series!;
  assert.equal(series.length, 1, JSON.stringify(series));
  assert.equal(series[0]!.tags, undefined);
  assert.deepEqual(series[0]!.values, [[sec(2), 2]]);
});

test('delete of a tag that is not a dimension keeps the group', () => {
  const t = run(`stream|from().measurement('cpu').groupBy('dc')|delete().tag('host')|${WINDOW}|count('v')|httpOut('out')`);
  t.write('cpu,dc=a,host=h v=1 1\ncpu,dc=b,host=h v=1 2\ncpu,dc=a v=1 11\ncpu,dc=b v=1 12');
  assert.deepEqual(t.values('out', { dc: 'a' }), [[sec(10), 1n]]);
  assert.deepEqual(t.values('out', { dc: 'b' }), [[sec(10), 1n]]);
});

test('sum of an empty batch is 0, like count', () => {
  const float = run(`stream|from().measurement('m')|${WINDOW}|where(lambda: "v" > 100)|sum('v')|httpOut('out')`);
  float.write('m v=1 1\nm v=2 11');
  assert.deepEqual(float.values(), [[sec(10), 0]]);

  const integer = run(`stream|from().measurement('m')|${WINDOW}|where(lambda: "v" < 100 OR "t" > 5)|sum('v')|httpOut('out')`, { id: 'i' });
  integer.write('m v=4i 1\nm v=5i 2\nm v=500i 11\nm v=1i 21');
  // influxql.go influxqlGroup.EndBatch: an empty batch always gets a float64 reducer (0.0)
  assert.deepEqual(integer.values('out'), [[sec(20), 0]]);

  const mean = run(`stream|from().measurement('m')|${WINDOW}|where(lambda: "v" > 100)|mean('v')|httpOut('out')`, { id: 'mean' });
  mean.write('m v=1 1\nm v=2 11');
  assert.deepEqual(mean.result(), { series: null });
});

test('join of batches fills the rows one parent lacks with .fill(number), drops them without fill', () => {
  const script = (fill: string) => `var a = stream|from().measurement('a')|${WINDOW}
var b = stream|from().measurement('b')|${WINDOW}
a|join(b).as('A', 'B')${fill}|httpOut('out')`;
  const data = 'a v=1 1\nb v=10 1\na v=2 2\nb v=30 3\na v=0 11\nb v=0 11';
  const filled = run(script('.fill(100.0)'));
  filled.write(data);
  assert.deepEqual(filled.values(), [
    [sec(1), 1, 10],
    [sec(2), 2, 100],
    [sec(3), 100, 30],
  ]);
  const inner = run(script(''), { id: 'inner' });
  inner.write(data);
  assert.deepEqual(inner.values(), [[sec(1), 1, 10]]);
  const nulls = run(script(".fill('null')"), { id: 'null' });
  nulls.write(data);
  assert.deepEqual(nulls.result().series![0]!.columns, ['time', 'A.v', 'B.v']);
  // join.go joinset.JoinIntoBatch: NullFill sets the missing parent's fields to nil.
  assert.deepEqual(nulls.values(), [
    [sec(1), 1, 10],
    [sec(2), 2, null],
    [sec(3), null, 30],
  ]);
});

test("join of points with .fill('null') keeps the missing parent's fields, named after the first point's, as null", () => {
  const t = run(`var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b).as('A', 'B').fill('null')|where(lambda: "A.v" == 8)|httpOut('out')`);
  // a@7 has no b: emitted once both parents moved past 7s, with B.v and B.w null
  // (join.go joinset.JoinIntoPoint: NullFill uses the first point's field names).
  t.write('a v=1,w=2 1\nb v=10 1\nb v=7 6\na v=8,w=1 7\nb v=0 8\na v=0 8');
  assert.deepEqual(t.result().series![0]!.columns, ['time', 'A.v', 'A.w', 'B.v', 'B.w']);
  assert.deepEqual(t.values(), [[sec(7), 8, 1, null, null]]);
});

test("default() fills the null fields of a .fill('null') join (default.go setDefaults: nil counts as missing)", () => {
  const t = run(`var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b).as('A', 'B').fill('null')|default().field('B.v', 0.5)|where(lambda: "A.v" == 8)|httpOut('out')`);
  t.write('a v=1 1\nb v=10 1\nb v=7 6\na v=8 7\nb v=0 8\na v=0 8');
  assert.deepEqual(t.values(), [[sec(7), 8, 0.5]]);
});

test('httpPost expands its URL as a template of the row', async () => {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url!);
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const t = run(`stream|from().measurement('cpu').groupBy('cpu')|${WINDOW}
|httpPost('${base}/{{ .Name }}/{{ index .Tags "cpu" }}?n={{ len .Values }}&missing={{ index .Tags "nope" }}')`);
    t.write('cpu,cpu=c0 v=1 1\ncpu,cpu=c0 v=2 2\ncpu,cpu=c1 v=3 3\ncpu,cpu=c0 v=0 11\ncpu,cpu=c1 v=0 11');
    const end = Date.now() + 2000;
    while (paths.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(paths.sort(), ['/cpu/c0?n=2&missing=', '/cpu/c1?n=1&missing=']);
    t.stop();
  } finally {
    server.close();
  }
});
