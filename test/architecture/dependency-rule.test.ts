// The dependency rule of docs/architecture.md over the real src/ tree: every folder placed in a
// layer, no import into a higher layer, no cycle between files or between folders. The graph
// code itself is checked on small made-up graphs, so a broken checker cannot pass silently.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cycles, importEdges, sourceFiles, unitOf, unplaced, upwardImports, type ImportEdge } from './import-graph.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const files = sourceFiles(SRC);
const edges = importEdges(SRC, files);

test('the import graph of src/ is read (files and imports found)', () => {
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  assert.ok(edges.length > files.length, `only ${edges.length} imports found`);
  assert.ok(edges.some((edge) => edge.from === 'server.ts' && edge.to.startsWith('engine/')));
});

test('every folder of src/ has a layer in the table', () => {
  assert.deepEqual(unplaced(files), [], 'add these folders to FOLDER_LAYERS (test/architecture/import-graph.ts) and docs/architecture.md');
});

test('no module imports a higher layer', () => {
  assert.deepEqual(upwardImports(edges), []);
});

test('no import cycle between files', () => {
  assert.deepEqual(
    cycles(edges, (file) => file),
    [],
  );
});

test('no import cycle between folders', () => {
  assert.deepEqual(cycles(edges, unitOf), []);
});

test('the checker finds an upward import, a cycle and an unplaced folder', () => {
  const made: ImportEdge[] = [
    { from: 'models/a.ts', to: 'engine/b.ts', line: 3 },
    { from: 'engine/b.ts', to: 'engine/c.ts', line: 1 },
    { from: 'engine/c.ts', to: 'engine/b.ts', line: 1 },
    { from: 'integrations/x/h.ts', to: 'integrations/y/h.ts', line: 1 },
    { from: 'integrations/y/h.ts', to: 'integrations/x/g.ts', line: 1 },
  ];
  assert.deepEqual(upwardImports(made), ['models/a.ts:3 (ground) imports engine/b.ts (runtime)']);
  assert.deepEqual(
    cycles(made, (file) => file),
    [['engine/b.ts', 'engine/c.ts']],
  );
  assert.deepEqual(cycles(made, unitOf), [['integrations/x', 'integrations/y']]);
  assert.deepEqual(unplaced(['models/a.ts', 'newthing/b.ts', 'other.ts']), ['newthing', 'other.ts']);
});
