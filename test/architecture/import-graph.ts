// The import graph of src/ and the layer rule of docs/architecture.md, as data: which layer each
// source folder belongs to, every relative import (value, type and dynamic imports alike), and
// the violations: an import into a higher layer, a cycle between files or between folders, a
// folder of src/ that the table does not place. Reads files only; never imports them.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Layers from the bottom up: a module may import its own layer or any lower one. */
export const LAYERS = ['ground', 'language', 'runtime', 'integrations', 'services', 'front', 'wiring', 'entry'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Every top-level folder (and top-level file) of src/ and its layer. `integrations/<name>` and
 * `services/<name>` are units of their own (so cycles between them are caught), but take the
 * layer of their parent. A new folder must be added here, in the right layer.
 */
export const FOLDER_LAYERS: Readonly<Record<string, Layer>> = {
  models: 'ground',
  errors: 'ground',
  storage: 'ground',
  gofmt: 'ground',
  lineprotocol: 'ground',
  util: 'ground',
  logging: 'ground',
  config: 'ground',
  recording: 'ground',
  tick: 'language',
  pipeline: 'language',
  flux: 'language',
  engine: 'runtime',
  alert: 'runtime',
  influxql: 'runtime',
  udf: 'runtime',
  'flux-runtime': 'runtime',
  jobs: 'runtime',
  integrations: 'integrations',
  services: 'services',
  http: 'front',
  cli: 'front',
  'server.ts': 'wiring',
  'kapacitord.ts': 'entry',
  'startup-summary.ts': 'entry',
};

export interface ImportEdge {
  /** Paths relative to src/, with `/`. */
  from: string;
  to: string;
  line: number;
}

const IMPORT = /(?:^|\n)([ \t]*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'|[^\n]*?\bimport\(\s*'([^']+)'\s*\)|[ \t]*import\s+'([^']+)')/g;

export function sourceFiles(srcDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) found.push(relative(srcDir, path).split(sep).join('/'));
    }
  };
  walk(srcDir);
  return found.sort();
}

/** The relative imports of each file (package imports are not part of the rule). */
export function importEdges(srcDir: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[2] ?? match[3] ?? match[4]!;
      if (!spec.startsWith('.')) continue;
      const target = relative(srcDir, resolve(dirname(join(srcDir, file)), spec))
        .split(sep)
        .join('/')
        .replace(/\.js$/, '.ts');
      const line = text.slice(0, (match.index ?? 0) + match[0].length).split('\n').length;
      edges.push({ from: file, to: target, line });
    }
  }
  return edges;
}

/** The unit a file belongs to: its top-level folder, or `integrations/x` / `services/x`. */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if ((parts[0] === 'integrations' || parts[0] === 'services') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

export function layerOf(file: string): Layer | undefined {
  const top = file.split('/')[0]!;
  return Object.prototype.hasOwnProperty.call(FOLDER_LAYERS, top) ? FOLDER_LAYERS[top] : undefined;
}

/** Top-level folders and files of src/ that the table does not place. */
export function unplaced(files: readonly string[]): string[] {
  return [...new Set(files.map((file) => file.split('/')[0]!))].filter((top) => layerOf(top) === undefined).sort();
}

/** Imports from a lower layer into a higher one. */
export function upwardImports(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    if (from === undefined || to === undefined) continue;
    if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
      out.push(`${edge.from}:${edge.line} (${from}) imports ${edge.to} (${to})`);
    }
  }
  return out;
}

/** Every cycle of the graph whose nodes are `key(file)`, one strongly connected component each. */
export function cycles(edges: readonly ImportEdge[], key: (file: string) => string): string[][] {
  const next = new Map<string, Set<string>>();
  for (const edge of edges) {
    const a = key(edge.from);
    const b = key(edge.to);
    if (a === b) continue;
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)!.add(b);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}
