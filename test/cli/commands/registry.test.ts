// The command registry: every command the main usage lists loads on demand under its own name,
// and an unknown name gives nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCommand, MAIN_USAGE } from '../../../src/cli/commands/registry.js';

test('every command of the main usage loads, under the name it is called by', async () => {
  const names = [...MAIN_USAGE.matchAll(/^\t([a-z-]+)\s{2,}/gm)].map((match) => match[1]!);
  assert.ok(names.length >= 27, `${names.length} commands listed`);
  for (const name of names) {
    const command = await loadCommand(name);
    assert.ok(command, `${name} loads`);
    assert.equal(command.name, name);
    assert.equal(typeof command.run, 'function');
  }
  assert.equal(await loadCommand('nosuch'), undefined);
  assert.equal(await loadCommand('constructor'), undefined);
});
