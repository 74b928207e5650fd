// The generated references (docs/reference/) are fresh and complete: they equal what
// `npm run docs` writes now, name every catalogue node, property and handler and every
// configuration key with its environment variable, and every example script compiles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_DIR, REFERENCE_FILES, renderConfiguration, renderHandlers, renderNodes } from '../../scripts/docs/generate.js';
import { HANDLER_DOCS } from '../../scripts/docs/handler-docs.js';
import { INFLUXQL_DOCS, NODE_DOCS, influxqlExample } from '../../scripts/docs/node-docs.js';
import { allHandlerSpecs, allNodeSpecs } from '../../src/pipeline/catalogue/index.js';
import { ROOT_KEYS, SECTIONS } from '../../src/config/sections.js';
import { tomlKeyName, type KeyDefs, type SectionDef } from '../../src/config/schema.js';
import { envName } from '../../src/config/apply-env.js';
import { buildPipeline } from '../../src/pipeline/build.js';
import { parse } from '../../src/tick/parser.js';

const MOVING_AVG_UDF = { movingAvg: { wants: 'stream', provides: 'stream', options: { field: ['STRING'], size: ['INT'] } } } as const;

function compiles(script: string): void {
  buildPipeline(parse(script), { udfs: MOVING_AVG_UDF });
}

test('the generated references are up to date (run `npm run docs` after changing the catalogue or the config schema)', () => {
  for (const [file, render] of Object.entries(REFERENCE_FILES)) {
    const onDisk = readFileSync(join(REFERENCE_DIR, file), 'utf8');
    assert.ok(onDisk === render(), `docs/reference/${file} is stale: run npm run docs`);
  }
});

test('every catalogue node is documented with each of its properties', () => {
  const nodes = renderNodes();
  for (const node of allNodeSpecs()) {
    const documented = NODE_DOCS[node.kind] !== undefined || INFLUXQL_DOCS[node.kind] !== undefined;
    assert.ok(documented, `scripts/docs/node-docs.ts has no entry for node ${node.kind}`);
    const heading = INFLUXQL_DOCS[node.kind] ? `### ${node.kind}\n` : `## ${node.kind}\n`;
    const start = nodes.indexOf(heading);
    assert.ok(start >= 0, `nodes.md has no section for ${node.kind}`);
    const end = nodes.indexOf('\n## ', start + 1);
    // The InfluxQL functions share their properties, described once at the top of their section.
    const section = INFLUXQL_DOCS[node.kind] ? nodes.slice(nodes.indexOf('## InfluxQL functions')) : nodes.slice(start, end < 0 ? undefined : end);
    for (const prop of node.properties.filter((p) => p.opens === undefined)) {
      assert.ok(section.includes(`\`.${prop.name}(`), `nodes.md does not list ${node.kind}.${prop.name}`);
    }
  }
  for (const kind of Object.keys(NODE_DOCS)) assert.ok(allNodeSpecs().some((n) => n.kind === kind), `node-docs.ts documents unknown node ${kind}`);
});

test('every alert handler is documented with each of its properties', () => {
  const handlers = renderHandlers();
  for (const handler of allHandlerSpecs()) {
    assert.ok(HANDLER_DOCS[handler.kind], `scripts/docs/handler-docs.ts has no entry for handler ${handler.kind}`);
    const start = handlers.indexOf(`## ${handler.kind}\n`);
    assert.ok(start >= 0, `handlers.md has no section for ${handler.kind}`);
    const end = handlers.indexOf('\n## ', start + 1);
    const section = handlers.slice(start, end < 0 ? undefined : end);
    for (const prop of handler.properties) assert.ok(section.includes(`\`.${prop.name}(`), `handlers.md does not list ${handler.kind}.${prop.name}`);
  }
});

test('every configuration section and key appears with its environment variable', () => {
  const reference = renderConfiguration();
  const rows = (keys: KeyDefs, base: Array<string | number>) => Object.entries(keys).map(([prop, def]) => {
    const name = tomlKeyName(prop, def);
    assert.ok(reference.includes(`| \`${name}\` |`), `configuration.md lacks key ${[...base, name].join('.')}`);
    if (['string', 'bool', 'int', 'float', 'duration'].includes(def.kind)) {
      assert.ok(reference.includes(`\`${envName(...base, name)}\``), `configuration.md lacks ${envName(...base, name)}`);
    }
  });
  rows(ROOT_KEYS, []);
  for (const [prop, def] of Object.entries(SECTIONS) as Array<[string, SectionDef]>) {
    const name = tomlKeyName(prop, def);
    assert.ok(reference.includes(`\n## ${name}\n`), `configuration.md lacks section ${name}`);
    rows(def.keys, def.array ? [name, 0] : [name]);
  }
  assert.ok(reference.includes('`KAPACITOR_INFLUXDB_0_URLS_0`'));
  assert.ok(reference.includes('| `bind-address` | string | `":9092"` | `KAPACITOR_HTTP_BIND_ADDRESS` |'));
});

test('every example in the references compiles', () => {
  for (const [kind, doc] of Object.entries(NODE_DOCS)) {
    assert.doesNotThrow(() => compiles(doc.example), `example of ${kind}`);
  }
  for (const kind of Object.keys(INFLUXQL_DOCS)) assert.doesNotThrow(() => compiles(influxqlExample(kind)), `example of ${kind}`);
  const handlers = renderHandlers();
  const scripts = [...handlers.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.equal(scripts.length, allHandlerSpecs().length);
  for (const script of scripts) assert.doesNotThrow(() => compiles(script), script);
});
