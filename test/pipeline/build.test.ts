// Pipeline builder: node creation and ids, properties and their argument types, chain
// validation errors in Kapacitor's words, vars, task type detection and node validation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline, TaskTypeError, TickEvalError } from '../../src/pipeline/build.js';
import { allCalls, propertyValue } from '../../src/pipeline/properties.js';
import { parse } from '../../src/tick/parser.js';
import { at, bin, bool, dbrp, declare, declareType, dur, float, from, ident, int, lambda, list, program, ref, star, str } from './ast-builders.js';

const stream = () => from('stream');

function names(script: ReturnType<typeof program>, taskType?: 'stream' | 'batch'): string[] {
  return buildPipeline(script, { taskType }).nodes.map((n) => n.name);
}

function buildError(script: ReturnType<typeof program>, opts: Parameters<typeof buildPipeline>[1] = {}): string {
  try {
    buildPipeline(script, opts);
  } catch (error) {
    assert.ok(error instanceof TickEvalError, `expected TickEvalError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected the build to fail');
}

test('a stream task gets stream0 -> from1 with recorded properties', () => {
  const p = buildPipeline(
    program(
      stream()
        .chain('from')
        .prop('measurement', str('cpu'))
        .prop('where', lambda(bin('>', ref('v'), int(1)))).node,
    ),
  );
  assert.equal(p.type, 'stream');
  assert.deepEqual(
    p.nodes.map((n) => n.name),
    ['stream0', 'from1'],
  );
  const fromNode = p.nodes[1]!;
  assert.equal(propertyValue(fromNode, 'measurement'), 'cpu');
  assert.equal(allCalls(fromNode, 'where').length, 1);
  assert.deepEqual([fromNode.wants, fromNode.provides], ['stream', 'stream']);
  assert.equal(fromNode.parents[0], p.nodes[0]);
});

test('every chaining node kind builds with its Kapacitor name', () => {
  const w = stream().chain('from').chain('window').prop('period', dur('1m')).prop('every', dur('1m'));
  const script = program(
    declare('w', w.node),
    from('w').chain('mean', str('v')).chain('httpOut', str('x')).node,
    from('w').chain('percentile', str('v'), float(95)).chain('influxDBOut').prop('database', str('d')).node,
    from('w').chain('top', int(3), str('v'), str('host')).chain('log').node,
    stream()
      .chain('from')
      .chain('groupBy', str('host'))
      .chain('derivative', str('v'))
      .chain('stateCount', lambda(bool(true)))
      .chain('stateDuration', lambda(bool(true)))
      .chain('changeDetect', str('v'))
      .chain('shift', dur('1s'))
      .chain('sample', int(2))
      .chain('default')
      .chain('delete')
      .chain('flatten')
      .chain('barrier')
      .prop('idle', dur('1s'))
      .chain('elapsed', str('v'), dur('1s'))
      .chain('difference', str('v'))
      .chain('cumulativeSum', str('v'))
      .chain('movingAverage', str('v'), int(3))
      .chain('holtWinters', str('v'), int(1), int(1), dur('1s'))
      .chain('sideload')
      .chain('httpPost', str('http://x'))
      .chain('kapacitorLoopback')
      .prop('database', str('d'))
      .prop('retentionPolicy', str('r')).node,
  );
  const built = names(script);
  for (const expected of [
    'window2',
    'mean3',
    'http_out4',
    'percentile5',
    'influxdb_out6',
    'top7',
    'groupby10',
    'derivative11',
    'state_count12',
    'state_duration13',
    'changeDetect14',
    'shift15',
    'sample16',
    'default17',
    'delete18',
    'flatten19',
    'barrier20',
    'elapsed21',
    'difference22',
    'cumulativeSum23',
    'movingAverage24',
    'holtWinters25',
    'sideload26',
    'http_post27',
    'kapacitor_loopback28',
  ]) {
    assert.ok(built.includes(expected), `${expected} in ${built.join(',')}`);
  }
});

test('window provides batch and aggregates provide stream', () => {
  const p = buildPipeline(program(stream().chain('from').chain('window').prop('period', dur('1m')).chain('count', str('v')).node));
  assert.deepEqual(
    p.nodes.map((n) => [n.kind, n.wants, n.provides]),
    [
      ['stream', 'stream', 'stream'],
      ['from', 'stream', 'stream'],
      ['window', 'stream', 'batch'],
      ['count', 'batch', 'stream'],
    ],
  );
});

test('join links every parent and takes the last id it is given', () => {
  const script = program(
    declare('a', stream().chain('from').node),
    declare('b', stream().chain('from').node),
    from('a')
      .chain('join', ident('b'))
      .prop('as', str('a'), str('b'))
      .chain('eval', lambda(int(1)))
      .prop('as', str('x')).node,
  );
  const p = buildPipeline(script);
  const join = p.nodes.find((n) => n.kind === 'join')!;
  assert.equal(join.name, 'join4');
  assert.deepEqual(
    join.parents.map((n) => n.name),
    ['from1', 'from2'],
  );
});

test('deadman inserts stats, noop, derivative and alert', () => {
  const p = buildPipeline(program(stream().chain('from').chain('deadman', float(10), dur('1m')).node));
  assert.deepEqual(
    p.nodes.map((n) => n.name),
    ['stream0', 'from1', 'stats2', 'noop3', 'derivative4', 'alert5'],
  );
  const alert = p.nodes[5]!;
  assert.equal(propertyValue(alert, 'id'), "node 'from1' in task '{{ .TaskName }}'");
  assert.match(String(propertyValue(alert, 'message')), /points\/1m0s\.$/);
  assert.equal(p.nodes[2]!.observes, p.nodes[1]);
});

test('alert handlers record their own properties as children', () => {
  const p = buildPipeline(
    program(
      stream()
        .chain('from')
        .chain('alert')
        .prop('crit', lambda(bool(true)))
        .prop('post', str('http://x'))
        .prop('header', str('k'), str('v'))
        .prop('stateChangesOnly')
        .prop('slack')
        .prop('channel', str('#a')).node,
    ),
  );
  const alert = p.nodes[2]!;
  const post = allCalls(alert, 'post')[0]!;
  assert.deepEqual(post.args, ['http://x']);
  assert.deepEqual(
    post.children?.map((c) => [c.name, c.args]),
    [['header', ['k', 'v']]],
  );
  assert.equal(allCalls(alert, 'stateChangesOnly').length, 1);
  assert.deepEqual(
    allCalls(alert, 'slack')[0]!.children?.map((c) => c.name),
    ['channel'],
  );
});

test('unknown property: Kapacitor message with position and a suggestion', () => {
  const message = buildError(program(stream().chain('from').propAt(at(3, 10), 'measurment', str('x')).node));
  assert.equal(message, 'line 3 char 10: no method or property "measurment" on *pipeline.FromNode; did you mean "measurement"?');
});

test('chain used as property, property used as chain, and stream without window', () => {
  assert.equal(
    buildError(program(stream().chain('from').propAt(at(3, 10), 'window').node)),
    "line 3 char 10: no property method \"window\" on *pipeline.FromNode, but chaining method does exist. Use '|' operator instead: 'node|window(..)'.",
  );
  assert.match(
    buildError(program(stream().chain('from').chain('measurement', str('x')).node)),
    /no chaining method "measurement" on \*pipeline\.FromNode, but property does exist/,
  );
  assert.match(buildError(program(stream().chainAt(at(2, 6), 'window').node)), /^line 2 char 6: no method or property "window" on \*pipeline\.StreamNode/);
});

test('argument types are checked with reflect messages', () => {
  assert.match(
    buildError(program(stream().chain('from').prop('measurement', int(1)).node)),
    /error calling func "measurement" on obj \*pipeline\.FromNode: reflect\.Set: value of type int64 is not assignable to type string/,
  );
  assert.match(
    buildError(program(stream().chain('from').prop('measurement', ref('cpu')).node)),
    /cannot assign \*ast\.ReferenceNode to type string, did you use double quotes instead of single quotes\?/,
  );
  assert.match(
    buildError(program(stream().chain('from').chain('window').prop('period', dur('1s'), dur('2s')).node)),
    /too many arguments to set property Period on \*pipeline\.WindowNode/,
  );
  assert.match(buildError(program(stream().chain('from').chain('where', str('x')).node)), /reflect: Call using string as type \*ast\.LambdaNode/);
  assert.match(buildError(program(stream().chain('from').chain('deadman', int(10), dur('1m')).node)), /reflect: Call using int64 as type float64/);
  assert.match(buildError(program(stream().chain('from').chain('derivative').node)), /reflect: Call with too few input arguments/);
});

test('vars: immutable, usable as arguments and substituted into lambdas', () => {
  assert.equal(buildError(program(declare('x', int(1)), declare('x', int(2))), { taskType: 'stream' }), 'attempted to redefine x, vars are immutable');
  const p = buildPipeline(
    program(
      declare('m', str('cpu')),
      declare('t', float(90)),
      stream()
        .chain('from')
        .prop('measurement', ident('m'))
        .chain('alert')
        .prop('crit', lambda(bin('>', ref('v'), ident('t')))).node,
    ),
  );
  assert.equal(propertyValue(p.nodes[1]!, 'measurement'), 'cpu');
  const crit = propertyValue(p.nodes[2]!, 'crit');
  assert.ok(typeof crit === 'object' && !Array.isArray(crit) && crit.kind === 'lambda');
  assert.deepEqual(crit.expression.kind === 'binary' && crit.expression.right.kind === 'number' && crit.expression.right.float64, 90);
  assert.match(buildError(program(stream().chain('from').chain('join', ident('other')).node)), /^name "other" is undefined\. Names in scope: time,stream/);
});

test('typed vars need a value unless building a template', () => {
  const script = program(declareType('f', 'string'), stream().chain('from').prop('measurement', ident('f')).node);
  assert.equal(buildError(script), 'missing value for var "f".');
  assert.equal(buildPipeline(script, { ignoreMissingVars: true }).nodes.length, 2);
  const p = buildPipeline(script, { vars: { f: { type: 'string', value: 'mem' } } });
  assert.equal(propertyValue(p.nodes[1]!, 'measurement'), 'mem');
  assert.equal(buildError(script, { vars: { f: { type: 'int', value: 1 } } }), 'invalid type supplied for f, got int exp string');
  assert.equal(buildError(program(declareType('x', 'foo')), { taskType: 'stream' }), 'invalid var type "foo"');
});

test('task type detection and dbrp statements', () => {
  assert.throws(
    () => buildPipeline(program(declare('x', int(1)))),
    (e) => e instanceof TaskTypeError && e.message === 'invalid task type: invalid',
  );
  assert.throws(() => buildPipeline(program(stream().chain('from').node, from('batch').chain('query', str('q')).node)), TaskTypeError);
  const p = buildPipeline(program(dbrp('db', 'rp'), from('batch').chain('query', str('SELECT 1')).prop('groupBy', star()).chain('log').node));
  assert.equal(p.type, 'batch');
  assert.deepEqual(p.dbrps, [{ db: 'db', rp: 'rp' }]);
  assert.match(buildError(program(from('batch').chainAt(at(2, 6), 'from').node)), /no method or property "from" on \*pipeline\.BatchNode/);
});

test('node validation messages', () => {
  const cases: Array<[ReturnType<typeof program>, string]> = [
    [program(stream().chain('from').chain('barrier').prop('delete', bool(true)).node), 'idle must be greater than zero'],
    [program(stream().chain('from').chain('barrier').prop('idle', dur('1s')).prop('period', dur('1s')).node), 'cannot specify both idle and period'],
    [
      program(
        stream()
          .chain('from')
          .chain('eval', lambda(int(1))).node,
      ),
      'must specify same number of expressions and .as() names: got 0 as names, and 1 expressions.',
    ],
    [program(stream().chain('from').chain('groupBy', str('')).node), 'dimensions cannot not be the empty string'],
    [program(stream().chain('from').chain('window').prop('period', dur('1m')).prop('periodCount', int(10)).node), 'cannot specify both period and periodCount'],
    [program(stream().chain('from').chain('kapacitorLoopback').prop('measurement', str('m')).node), 'must specify a database'],
    [
      program(
        stream()
          .chain('from')
          .chain('combine', lambda(bool(true)), lambda(bool(true))).node,
      ),
      'a call to combine.as() is required to specify the output stream prefixes.',
    ],
    [program(stream().chain('from').chain('k8sAutoscale').prop('resourceName', str('a')).node), 'must provide a replicas lambda expression'],
    [
      program(
        stream()
          .chain('from')
          .chain('swarmAutoscale')
          .prop('serviceName', str('a'))
          .prop('serviceNameTag', str('a'))
          .prop('replicas', lambda(int(1))).node,
      ),
      'must specify exactly one of ServiceName or ServiceNameTag',
    ],
    [program(stream().chain('from').chain('alert').prop('snmpTrap', str('')).node), 'invalid SNMP trap "": you must supply a trap Oid'],
  ];
  for (const [script, message] of cases) assert.equal(buildError(script), message);
});

test('list arguments spread and UDFs need configuration', () => {
  const p = buildPipeline(program(declare('tags', list(str('a'), str('b'))), stream().chain('from').chain('groupBy', ident('tags')).node));
  assert.deepEqual(p.nodes[2]!.args, ['a', 'b']);
  assert.match(buildError(program(stream().chain('from').udf('myUdf').node)), /no method or property "myUdf" on \*pipeline\.FromNode/);
  const withUdf = buildPipeline(program(stream().chain('from').udf('myUdf').prop('field', str('v')).node), {
    udfs: { myUdf: { wants: 'stream', provides: 'batch', options: { field: ['STRING'] } } },
  });
  assert.equal(withUdf.nodes[2]!.name, 'myUdf2');
  assert.deepEqual(
    withUdf.nodes[2]!.properties.map((c) => c.args),
    [['v']],
  );
});

test('parsed scripts: a bare identifier after `.` is refused, task type comes from top-level chains', () => {
  assert.equal(buildError(parse('stream\n    |from()\n    .flag')), "line 3 char 5: invalid right operand of type *ast.IdentifierNode to '.' operator");
  // `stream` alone, or inside an argument, does not make a stream task.
  assert.throws(
    () => buildPipeline(parse('var s = stream\ns')),
    (e) => e instanceof TaskTypeError,
  );
  assert.equal(buildPipeline(parse("var b = batch\n    |query('SELECT 1')\nb\n    |log()")).type, 'batch');
});

function scriptError(script: string): string {
  return buildError(parse(script));
}

test('a field reference where a lambda is required is an undefined name (tick/eval.go: operators outside lambdas run in an empty stateful scope)', () => {
  assert.equal(scriptError(`stream|from().measurement('m')|alert().crit("value" > 3)`), 'name "value" is undefined. Names in scope: ');
  assert.equal(scriptError(`stream|from().measurement('m')|stateCount("value" > 3.0)`), 'name "value" is undefined. Names in scope: ');
  // EvalBinaryNode.Type: the left operand's type is asked first, through unary operators too
  assert.equal(scriptError(`stream|from()|where(3 > 2 AND !"x" AND "y")`), 'name "x" is undefined. Names in scope: ');
  // variables are resolved before (resolveIdents)
  assert.match(scriptError(`stream|from()|where("x" > nope)`), /name "nope" is undefined/);
});

test('join validation in pipeline/join.go order: .as() required, then count, then each name, then duplicates', () => {
  const join = (as: string) =>
    scriptError(`var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b)${as}|httpOut('x')`);
  assert.equal(join(''), 'a call to join.as() is required to specify the output stream prefixes.');
  assert.equal(join(`.as('a')`), 'number of prefixes specified by join.as() must match the number of joined streams');
  assert.equal(join(`.as('a', '')`), 'must provide a prefix name for the join node, see .as() property method');
  // the delimiter message ends with a tab, as Kapacitor's format string does
  assert.equal(join(`.as('x', 'a.b')`), 'cannot use name a.b as field prefix, it contains the delimiter "."\t');
  assert.equal(join(`.as('x', 'x')`), 'cannot use the same prefix name see .as() property method');
});
