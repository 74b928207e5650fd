import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagSet, FlagValueError } from '../../src/cli/flags.js';

function define() {
  const flags = new FlagSet('kapacitor define');
  return {
    flags,
    tick: flags.string('tick', '', 'Path to the TICKscript'),
    type: flags.string('type', 'stream', 'The task type (stream|batch)'),
    dbrp: flags.stringList('dbrp', 'A database and retention policy pair of the form `db.rp`. Repeatable.'),
    noReload: flags.bool('no-reload', false, 'Do not reload the task'),
    limit: flags.int('limit', 100, 'Maximum number of results'),
    past: flags.duration('past', 0, 'How far back to record'),
    rate: flags.float('rate', 0, 'Replay rate'),
  };
}

test('single and double dashes, separate and = values', () => {
  const { flags, tick, type, limit, past, rate } = define();
  const result = flags.parse(['-tick', 'cpu.tick', '--type=batch', '-limit=0x10', '--past', '1h30m', '-rate', '1.5', 'name', '-x']);
  assert.deepEqual(result, { help: false, args: ['name', '-x'] });
  assert.equal(tick.value, 'cpu.tick');
  assert.equal(type.value, 'batch');
  assert.equal(limit.value, 16);
  assert.equal(past.value, 5_400_000);
  assert.equal(rate.value, 1.5);
  assert.equal(tick.isSet, true);
});

test('defaults stay when flags are absent', () => {
  const { flags, type, limit, dbrp, noReload } = define();
  assert.deepEqual(flags.parse([]).args, []);
  assert.equal(type.value, 'stream');
  assert.equal(type.isSet, false);
  assert.equal(limit.value, 100);
  assert.deepEqual(dbrp.value, []);
  assert.equal(noReload.value, false);
});

test('bool flags: bare sets true, =false sets false, a following word is not consumed', () => {
  let set = define();
  assert.deepEqual(set.flags.parse(['-no-reload', 'false']).args, ['false']);
  assert.equal(set.noReload.value, true);
  set = define();
  set.flags.parse(['-no-reload=false']);
  assert.equal(set.noReload.value, false);
  assert.equal(set.noReload.isSet, true);
  set = define();
  set.flags.parse(['--no-reload=T']);
  assert.equal(set.noReload.value, true);
});

test('list flags repeat', () => {
  const { flags, dbrp } = define();
  flags.parse(['-dbrp', 'telegraf.autogen', '-dbrp=db.rp']);
  assert.deepEqual(dbrp.value, ['telegraf.autogen', 'db.rp']);
});

test('parsing stops at the first non-flag, at "--" (consumed) and at "-"', () => {
  assert.deepEqual(define().flags.parse(['-tick', 'a', 'task', '-type', 'batch']).args, ['task', '-type', 'batch']);
  assert.deepEqual(define().flags.parse(['--', '-tick', 'a']).args, ['-tick', 'a']);
  assert.deepEqual(define().flags.parse(['-', '-tick']).args, ['-', '-tick']);
  const { flags, tick } = define();
  flags.parse(['-tick', '--', 'rest']);
  assert.equal(tick.value, '--');
});

test('errors use Go wording', () => {
  assert.deepEqual(define().flags.parse(['-x']), { help: false, error: 'flag provided but not defined: -x', args: [] });
  assert.equal(define().flags.parse(['--nope=1']).error, 'flag provided but not defined: -nope');
  assert.equal(define().flags.parse(['-tick']).error, 'flag needs an argument: -tick');
  assert.equal(define().flags.parse(['-limit', 'ten']).error, 'invalid value "ten" for flag -limit: parse error');
  assert.equal(define().flags.parse(['-limit', '99999999999999999999']).error, 'invalid value "99999999999999999999" for flag -limit: value out of range');
  assert.equal(define().flags.parse(['-past', '1d']).error, 'invalid value "1d" for flag -past: parse error');
  assert.equal(define().flags.parse(['-no-reload=maybe']).error, 'invalid boolean value "maybe" for -no-reload: parse error');
  assert.equal(define().flags.parse(['---tick']).error, 'bad flag syntax: ---tick');
  assert.equal(define().flags.parse(['-=x']).error, 'bad flag syntax: -=x');
});

test('-h, -help and --help are help requests unless defined', () => {
  for (const arg of ['-h', '-help', '--help', '-h=1']) assert.equal(define().flags.parse([arg, 'x']).help, true, arg);
  const flags = new FlagSet('x');
  const host = flags.string('h', '', 'host');
  assert.equal(flags.parse(['-h', 'localhost']).help, false);
  assert.equal(host.value, 'localhost');
});

test('defining a flag twice throws', () => {
  const flags = new FlagSet('x');
  flags.bool('v', false, 'verbose');
  assert.throws(() => flags.bool('v', false, 'again'), /flag redefined: v/);
});

test('usage text matches Go PrintDefaults', () => {
  const flags = new FlagSet('kapacitord run');
  flags.string('config', '', 'Path to the `file`');
  flags.string('hostname', 'localhost', 'Override the hostname');
  flags.bool('v', false, 'verbose');
  flags.bool('force', true, 'Force it');
  flags.int('n', 0, 'count');
  flags.int('limit', 100, 'Max\nresults');
  flags.duration('past', 0, 'Past');
  flags.duration('wait', 10_000, 'Wait');
  flags.stringList('dbrp', 'A pair');
  assert.equal(
    flags.usage(),
    [
      'Usage of kapacitord run:',
      '  -config file',
      '    \tPath to the file',
      '  -dbrp value',
      '    \tA pair',
      '  -force',
      '    \tForce it (default true)',
      '  -hostname string',
      '    \tOverride the hostname (default "localhost")',
      '  -limit int',
      '    \tMax',
      '    \tresults (default 100)',
      '  -n int',
      '    \tcount',
      '  -past duration',
      '    \tPast',
      '  -v\tverbose',
      '  -wait duration',
      '    \tWait (default 10s)',
      '',
    ].join('\n'),
  );
});

test('lookup finds defined flags', () => {
  const { flags } = define();
  assert.equal(flags.lookup('tick')?.name, 'tick');
  assert.equal(flags.lookup('nope'), undefined);
});

test("list flags parse each value; a refused value gives Go's message with the reason", () => {
  const flags = new FlagSet('define');
  const ports = flags.list('port', 'A port', (text) => {
    if (!/^\d+$/.test(text)) throw new FlagValueError(`not a port: ${text}`);
    return Number(text);
  });
  assert.deepEqual(flags.parse(['-port', '80', '-port=443', 'rest']).args, ['rest']);
  assert.deepEqual(ports.value, [80, 443]);
  const crashing = new FlagSet('x');
  crashing.list('p', 'P', () => {
    throw new Error('boom');
  });
  assert.equal(crashing.parse(['-p', 'v']).error, 'invalid value "v" for flag -p: parse error');
  const refused = new FlagSet('define');
  refused.list('port', 'A port', () => {
    throw new FlagValueError('not a port: x');
  });
  assert.equal(refused.parse(['-port', 'x']).error, 'invalid value "x" for flag -port: not a port: x');
  assert.equal(refused.defaults(), '  -port value\n    \tA port\n');
});
