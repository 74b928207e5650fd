// Every relative link in README.md, docs/ and examples/ points at a file that exists, so the
// documentation cannot silently lose a page when files move.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

test('relative links in the documentation resolve', () => {
  const files = ['README.md', ...markdownFiles('docs'), ...markdownFiles('examples')];
  assert.ok(files.length > 20, `only ${files.length} markdown files found`);
  const broken: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const target = match[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      if (!existsSync(normalize(join(ROOT, dirname(file), target)))) broken.push(`${file}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});
