// End-to-end: the kapacitor client's task and template commands against a real server —
// define (TICKscript, template + vars, task file), show, show-template, list, enable, disable,
// reload, delete — checked line by line against Kapacitor's output formats.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, startTestServer, type TestServer } from '../support/test-server.js';
import { lines, runCli } from './cli-harness.js';

let server: TestServer;
let dir: string;
let cli: (...argv: string[]) => ReturnType<typeof runCli>;

const SCRIPT = "stream\n    |from()\n        .measurement('cpu')\n";

before(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-cli-'));
  cli = (...argv) => runCli(['-url', server.url, ...argv]);
  writeFileSync(join(dir, 'cpu.tick'), SCRIPT);
  writeFileSync(join(dir, 'mem.tick'), SCRIPT.replace('cpu', 'mem'));
  writeFileSync(
    join(dir, 'template.tick'),
    [
      '// the measurement to watch',
      'var measurement string',
      'var period = 10s',
      'var crit = 80.0',
      "var tags = ['host', 'cpu']",
      'stream',
      '    |from()',
      '        .measurement(measurement)',
      '        .groupBy(tags)',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'vars.json'), JSON.stringify({ measurement: { type: 'string', value: 'mem' }, crit: { type: 'float', value: 90.5 } }));
  writeFileSync(
    join(dir, 'task.yaml'),
    ['id: from_file', 'template-id: generic', 'dbrps: ["telegraf.autogen"]', 'vars:', '  measurement:', '    type: string', '    value: disk', ''].join('\n'),
  );
  writeFileSync(join(dir, 'bad.tick'), 'stream\n    |from(\n');
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** time.RFC822 of a UTC RFC 3339 time, computed independently of the client's formatter. */
function rfc822Utc(iso: string): string {
  if (iso.startsWith('0001-')) return '01 Jan 01 00:00 UTC';
  const date = new Date(iso);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())} ${month} ${two(date.getUTCFullYear() % 100)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

async function getTask(id: string) {
  return (await request(server.url, 'GET', `/kapacitor/v1/tasks/${id}`)).json;
}

test('define creates a disabled task; show prints every field line by line', async () => {
  const defined = await cli('define', 'cpu_alert', '-tick', join(dir, 'cpu.tick'), '-type', 'stream', '-dbrp', 'telegraf.autogen');
  assert.deepEqual(defined, { code: 0, stdout: '', stderr: '' });
  const task = await getTask('cpu_alert');
  assert.equal(task.status, 'disabled');

  const shown = await cli('show', 'cpu_alert');
  assert.equal(shown.code, 0, shown.stderr);
  assert.deepEqual(lines(shown.stdout), [
    'ID: cpu_alert',
    'Error: ',
    'Template: ',
    'Type: stream',
    'Status: disabled',
    'Executing: false',
    `Created: ${rfc822Utc(task.created)}`,
    `Modified: ${rfc822Utc(task.modified)}`,
    'LastEnabled: 01 Jan 01 00:00 UTC',
    'Databases Retention Policies: ["telegraf"."autogen"]',
    'TICKscript:',
    ...lines(task.script),
    '',
    'DOT:',
    ...lines(task.dot),
  ]);
});

test('enable, disable and reload by ID and by glob; list shows the table', async () => {
  await cli('define', 'mem_alert', '-tick', join(dir, 'mem.tick'), '-dbrp', '"telegraf"."autogen"', '-dbrp', 'other.rp');
  await cli('define', 'z_other', '-tick', join(dir, 'mem.tick'), '-dbrp', 'telegraf.autogen');

  assert.deepEqual(await cli('enable', '*_alert'), { code: 0, stdout: '', stderr: '' });
  assert.equal((await getTask('cpu_alert')).status, 'enabled');
  assert.equal((await getTask('mem_alert')).executing, true);
  assert.equal((await getTask('z_other')).status, 'disabled');

  const listed = await cli('list', 'tasks', '*_alert', 'z_*');
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(lines(listed.stdout), [
    'ID        Type      Status    Executing Databases and Retention Policies',
    'cpu_alert stream    enabled   true      ["telegraf"."autogen"]',
    'mem_alert stream    enabled   true      ["telegraf"."autogen" "other"."rp"]',
    'z_other   stream    disabled  false     ["telegraf"."autogen"]',
  ]);

  const before = (await getTask('mem_alert'))['last-enabled'];
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal((await cli('reload', 'mem_alert')).code, 0);
  const reloaded = await getTask('mem_alert');
  assert.equal(reloaded.status, 'enabled');
  assert.notEqual(reloaded['last-enabled'], before);

  assert.equal((await cli('disable', 'cpu_alert', 'mem_*')).code, 0);
  assert.equal((await getTask('cpu_alert')).status, 'disabled');
  assert.equal((await getTask('mem_alert')).executing, false);

  const shown = await cli('show', 'mem_alert');
  assert.match(shown.stdout, /^LastEnabled: \d\d \w{3} \d\d \d\d:\d\d UTC$/m);
  assert.doesNotMatch(shown.stdout, /LastEnabled: 01 Jan 01/);
});

test('define on an existing task changes only what is given and reloads an enabled task', async () => {
  await cli('define', 'upd', '-tick', join(dir, 'cpu.tick'), '-dbrp', 'telegraf.autogen');
  await cli('enable', 'upd');
  const enabledAt = (await getTask('upd'))['last-enabled'];
  await new Promise((resolve) => setTimeout(resolve, 5));

  assert.equal((await cli('define', 'upd', '-dbrp', 'telegraf.long_term')).code, 0);
  const updated = await getTask('upd');
  assert.deepEqual(updated.dbrps, [{ db: 'telegraf', rp: 'long_term' }]);
  assert.match(updated.script, /measurement\('cpu'\)/);
  assert.equal(updated.status, 'enabled');
  assert.notEqual(updated['last-enabled'], enabledAt, 'an enabled task is reloaded');

  const reloadedAt = updated['last-enabled'];
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal((await cli('define', 'upd', '-tick', join(dir, 'mem.tick'), '-no-reload')).code, 0);
  const unreloaded = await getTask('upd');
  assert.match(unreloaded.script, /measurement\('mem'\)/);
  assert.equal(unreloaded['last-enabled'], reloadedAt, '-no-reload leaves the task running');
});

test('templates: define-template, show-template, list templates, define from a template with -vars and -file', async () => {
  assert.deepEqual(await cli('define-template', 'generic', '-tick', join(dir, 'template.tick'), '-type', 'stream'), { code: 0, stdout: '', stderr: '' });
  const template = (await request(server.url, 'GET', '/kapacitor/v1/templates/generic')).json;

  const shown = await cli('show-template', 'generic');
  assert.equal(shown.code, 0, shown.stderr);
  assert.deepEqual(lines(shown.stdout), [
    'ID: generic',
    'Error: ',
    'Type: stream',
    `Created: ${rfc822Utc(template.created)}`,
    `Modified: ${rfc822Utc(template.modified)}`,
    'TICKscript:',
    ...lines(template.script),
    '',
    'Vars:',
    `${'Name'.padEnd(30)}${'Type'.padEnd(10)}${'Default Value'.padEnd(40)}${'Description'.padEnd(40)}`,
    `${'crit'.padEnd(30)}${'float'.padEnd(10)}${'80'.padEnd(40)}${''.padEnd(40)}`,
    `${'measurement'.padEnd(30)}${'string'.padEnd(10)}${'<required>'.padEnd(40)}${'the measurement to watch'.padEnd(40)}`,
    `${'period'.padEnd(30)}${'duration'.padEnd(10)}${'10s'.padEnd(40)}${''.padEnd(40)}`,
    `${'tags'.padEnd(30)}${'list'.padEnd(10)}${'[host, cpu]'.padEnd(40)}${''.padEnd(40)}`,
    'DOT:',
    ...lines(template.dot),
  ]);

  const listed = await cli('list', 'templates');
  assert.deepEqual(lines(listed.stdout), [
    `ID      ${'Type'.padEnd(10)}${'Vars'.padEnd(40)}`,
    `generic ${'stream'.padEnd(10)}${'crit,measurement,period,tags'.padEnd(40)}`,
  ]);

  assert.equal((await cli('define', 'from_vars', '-template', 'generic', '-vars', join(dir, 'vars.json'), '-dbrp', 'telegraf.autogen')).code, 0);
  const fromVars = await cli('show', 'from_vars');
  const varLines = lines(fromVars.stdout);
  const at = varLines.indexOf('Vars:');
  assert.ok(at > 0, fromVars.stdout);
  assert.deepEqual(varLines.slice(at, at + 4), [
    'Vars:',
    `${'Name'.padEnd(30)}${'Type'.padEnd(10)}${'Value'.padEnd(40)}`,
    `${'crit'.padEnd(30)}${'float'.padEnd(10)}${'90.5'.padEnd(40)}`,
    `${'measurement'.padEnd(30)}${'string'.padEnd(10)}${'mem'.padEnd(40)}`,
  ]);
  assert.ok(varLines.includes('Template: generic'));

  const fromFile = await cli('define', 'from_file', '-file', join(dir, 'task.yaml'));
  assert.equal(fromFile.code, 0, fromFile.stderr);
  const task = await getTask('from_file');
  assert.equal(task['template-id'], 'generic');
  assert.deepEqual(task.dbrps, [{ db: 'telegraf', rp: 'autogen' }]);
  assert.equal(task.vars.measurement.value, 'disk');

  const mismatch = await cli('define', 'other_id', '-file', join(dir, 'task.yaml'));
  assert.deepEqual(mismatch, { code: 3, stdout: '', stderr: `Task id given on command line does not match id in ${join(dir, 'task.yaml')}\n` });
});

test('delete tasks and templates by ID and glob; unknown IDs are not an error', async () => {
  await cli('define', 'del_a', '-tick', join(dir, 'cpu.tick'), '-dbrp', 'a.b');
  await cli('define', 'del_b', '-tick', join(dir, 'cpu.tick'), '-dbrp', 'a.b');
  await cli('define-template', 'del_t', '-tick', join(dir, 'cpu.tick'));
  assert.deepEqual(await cli('delete', 'tasks', 'del_*', 'never_defined'), { code: 0, stdout: '', stderr: '' });
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/del_a')).status, 404);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/tasks/del_b')).status, 404);
  assert.equal((await cli('delete', 'templates', 'del_t')).code, 0);
  assert.equal((await request(server.url, 'GET', '/kapacitor/v1/templates/del_t')).status, 404);

  const badKind = await cli('delete', 'things', 'x');
  assert.deepEqual(badKind, {
    code: 3,
    stdout: '',
    stderr: "cannot delete 'things' did you mean 'tasks', 'templates', 'recordings', 'replays', 'topics' or 'topic-handlers'?\n",
  });
  const noId = await cli('delete', 'tasks');
  assert.equal(noId.code, 2);
  assert.equal(lines(noId.stderr)[0], 'Must pass at least one ID');
});

test("errors: the server's text and exit 3; bad arguments exit 2 with the usage", async () => {
  assert.deepEqual(await cli('show', 'nope'), { code: 3, stdout: '', stderr: 'no task exists\n' });
  assert.deepEqual(await cli('show-template', 'nope'), { code: 3, stdout: '', stderr: 'no template exists\n' });

  const badScript = await cli('define', 'bad', '-tick', join(dir, 'bad.tick'), '-dbrp', 'a.b');
  assert.equal(badScript.code, 3);
  assert.match(badScript.stderr, /^invalid TICKscript: .*line 3 char 1.*\n$/);

  const noDbrp = await cli('define', 'plain', '-tick', join(dir, 'cpu.tick'));
  assert.deepEqual(noDbrp, { code: 3, stdout: '', stderr: 'must specify dbrp\n' });

  const missingFile = await cli('define', 'x', '-tick', join(dir, 'missing.tick'));
  assert.deepEqual(missingFile, { code: 3, stdout: '', stderr: `open ${join(dir, 'missing.tick')}: no such file or directory\n` });

  const noId = await cli('define', '-tick', join(dir, 'cpu.tick'));
  assert.equal(noId.code, 2);
  assert.equal(lines(noId.stderr)[0], 'Must provide a task ID.');
  assert.equal(lines(noId.stderr)[1], 'Usage: kapacitor define <task ID> [options]');

  const badDbrp = await cli('define', 'x', '-dbrp', 'nodot');
  assert.equal(badDbrp.code, 2);
  assert.equal(
    lines(badDbrp.stderr)[0],
    'invalid value "nodot" for flag -dbrp: does not contain a \'.\', it must be in the form "dbname"."rpname" where the quotes are optional.',
  );

  const unknownFlag = await cli('define', 'x', '-nope');
  assert.equal(unknownFlag.code, 2);
  assert.equal(lines(unknownFlag.stderr)[0], 'flag provided but not defined: -nope');
  assert.match(unknownFlag.stderr, /^ {2}-tick string$/m);

  const showNothing = await cli('show');
  assert.equal(showNothing.code, 2);
  assert.equal(lines(showNothing.stderr)[0], 'Must specify one task ID');

  const enableNothing = await cli('enable');
  assert.equal(enableNothing.code, 2);
  assert.equal(lines(enableNothing.stderr)[0], 'Must pass at least one task ID');

  const listNothing = await cli('list');
  assert.equal(listNothing.code, 2);
  const listBad = await cli('list', 'things');
  assert.deepEqual(listBad, {
    code: 3,
    stdout: '',
    stderr: "cannot list 'things' did you mean 'tasks', 'templates', 'recordings', 'replays', 'topics', 'topic-handlers' or 'service-tests'?\n",
  });
});

test('an empty list prints only the header', async () => {
  assert.deepEqual(await cli('list', 'tasks', 'no_such_*'), {
    code: 0,
    stdout: 'ID Type      Status    Executing Databases and Retention Policies\n',
    stderr: '',
  });
});
