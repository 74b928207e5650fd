import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);

function shebang(): string[] {
  const first = readFileSync(new URL('bin/kapacitord.js', ROOT), 'utf8').split('\n')[0] ?? '';
  assert.match(first, /^#!\/usr\/bin\/env -S node( --[a-z-]+=\S+)*$/);
  return first.slice('#!'.length).split(' ');
}

function startScript(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts.start ?? '';
}

describe('kapacitord launchers', () => {
  it('give Node the same memory flags from npm start and from the executable', () => {
    const flags = shebang().slice(3);
    assert.ok(flags.includes('--max-semi-space-size=4'), `flags: ${flags.join(' ')}`);
    assert.equal(startScript(), ['node', ...flags, 'bin/kapacitord.js'].join(' '));
  });

  it('start Node with those flags when the executable is run directly', () => {
    const [env, ...args] = shebang();
    const execArgv = JSON.parse(execFileSync(env ?? '', [...args, '-p', 'JSON.stringify(process.execArgv)'], { encoding: 'utf8' })) as string[];
    assert.deepEqual(execArgv.slice(0, args.length - 2), args.slice(2));
  });
});
