import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, formatNode } from '../../src/tick/formatter.js';
import { parse } from '../../src/tick/parser.js';

const fmt = (script: string) => format(parse(script));

test('chains: 4 spaces per chain step, 8 for properties, statements split by a blank line', () => {
  assert.equal(
    fmt("var w = stream|from().measurement('mem')|window().period(30s).every(10s)\nw|count('used')@anomaly().field('count')|log()"),
    [
      'var w = stream',
      '    |from()',
      "        .measurement('mem')",
      '    |window()',
      '        .period(30s)',
      '        .every(10s)',
      '',
      'w',
      "    |count('used')",
      '    @anomaly()',
      "        .field('count')",
      '    |log()',
      '',
    ].join('\n'),
  );
});

test('literals in canonical form', () => {
  assert.equal(
    fmt('var a=3.10\nvar b=.75\nvar c=020\nvar d=-7\nvar e=45m\nvar f=FALSE'),
    'var a = 3.1\n\nvar b = 0.75\n\nvar c = 020\n\nvar d = -7\n\nvar e = 45m\n\nvar f = FALSE\n',
  );
  assert.equal(fmt('var g = 100000000000000000000000.0'), 'var g = 100000000000000000000000.0\n');
  assert.equal(fmt("var s = 'can\\'t'"), "var s = 'can\\'t'\n");
  assert.equal(fmt("var t = '''say 'hi' now'''"), "var t = '''say 'hi' now'''\n");
  assert.equal(fmt('var r = /^\\/var\\/log/'), 'var r = /^\\/var\\/log/\n');
  assert.equal(fmt("var l = [ 'x' ,y,* ]"), "var l = ['x', y, *]\n");
  assert.equal(fmt('var x int'), 'var x int\n');
  assert.equal(fmt('dbrp "my db"."one_week"'), 'dbrp "my db"."one_week"\n');
});

test('lambda expressions: spacing, redundant parentheses dropped, references escaped', () => {
  assert.equal(fmt('stream|from()|where(lambda:("x\\"y"*(2))>=((3)) AND !("ok"))'), 'stream\n    |from()\n    |where(lambda: ("x\\"y" * 2) >= 3 AND !"ok")\n');
  assert.equal(
    fmt('stream|from()|eval(lambda:sigma("v")>3.0,lambda:int(-"w"))'),
    'stream\n    |from()\n    |eval(lambda: sigma("v") > 3.0, lambda: int(-"w"))\n',
  );
});

test('multi-line lambdas keep their breaks with nested indentation', () => {
  assert.equal(
    fmt('stream|from()|alert().warn(lambda: "a" > 1 OR\n("b" < 2 AND\n"c" == 3))'),
    ['stream', '    |from()', '    |alert()', '        .warn(lambda: "a" > 1 OR', '            ("b" < 2 AND', '                "c" == 3))', ''].join('\n'),
  );
});

test('multi-line calls put each argument on its own line', () => {
  assert.equal(
    fmt("stream|from()|groupBy(\n'host',\n'region')"),
    ['stream', '    |from()', '    |groupBy(', "        'host',", "        'region'", '    )', ''].join('\n'),
  );
});

test('comments: normalised `// `, indented with the node they precede, blocks kept', () => {
  assert.equal(
    fmt("    //Input\n//\nvar x = stream\n|from()\n    //   pick one\n.measurement('m')\n//out\n|log()\n\n// tail\n\n// more"),
    [
      '// Input',
      '//',
      'var x = stream',
      '    |from()',
      '        //   pick one',
      "        .measurement('m')",
      '    // out',
      '    |log()',
      '',
      '// tail',
      '',
      '// more',
      '',
      '',
    ].join('\n'),
  );
});

test('formatting is idempotent', () => {
  const script =
    '// note\nvar period = 10s\n\nbatch\n    |query(\'\'\'SELECT max("v") FROM "db"."rp"."m"\'\'\')\n        .period(period)\n        .every(1m)\n    |alert()\n        .crit(lambda: "max" > 10 AND\n            "max" < 100)\n';
  assert.equal(fmt(script), script);
  assert.equal(fmt(fmt(script)), script);
});

test('formatNode prints a single expression', () => {
  const program = parse('lambda: "v" / 2.0 + 1');
  assert.equal(formatNode(program.nodes[0]!), 'lambda: "v" / 2.0 + 1');
});
