// sideload(): adds fields and tags from files under a .source directory (file://): for each
// point the .order templates (Go templates over the point's tags, e.g. 'host/{{.host}}.yml')
// name the files to search, first hit wins; .field(name, default) / .tag(name, default) give
// the value when no file has the key. JSON and YAML files; each file is read once, and again
// after a sideload reload (POST /kapacitor/v1/sideload/reload or SIGHUP).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyRequire } from '../../util/lazy-require.js';
import { compileTemplate, type CompiledTemplate } from '../../alert/template/index.js';
import type { FieldValue, Fields, Tags } from '../../models/point.js';
import { allCalls, lastCall, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

type Values = Record<string, unknown>;

export class SideloadNode extends EngineNode {
  private readonly dir: string;
  private readonly order: CompiledTemplate[];
  private readonly fields: Array<[string, FieldValue]>;
  private readonly tags: Array<[string, string]>;
  private readonly files = new Map<string, Values | undefined>();
  private generation: number;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const source = stringValue(spec, 'source');
    if (!source.startsWith('file://')) throw new Error(`unsupported source scheme: ${source}`);
    this.dir = source.startsWith('file:///') ? fileURLToPath(source) : source.slice('file://'.length);
    this.order = (lastCall(spec, 'order')?.args ?? []).map((t, i) => compileTemplate(`order${i}`, String(t)));
    this.fields = allCalls(spec, 'field').map((c) => [String(c.args[0]), c.args[1] as FieldValue]);
    this.tags = allCalls(spec, 'tag').map((c) => [String(c.args[0]), String(c.args[1])]);
    this.generation = ctx.services.sideload?.generation ?? 0;
  }

  private file(path: string): Values | undefined {
    const generation = this.ctx.services.sideload?.generation ?? 0;
    if (generation !== this.generation) {
      this.generation = generation;
      this.files.clear();
    }
    if (this.files.has(path)) return this.files.get(path);
    let values: Values | undefined;
    try {
      const text = readFileSync(join(this.dir, path), 'utf8');
      const parsed: unknown = path.endsWith('.json') ? JSON.parse(text) : yaml().parse(text);
      if (typeof parsed === 'object' && parsed !== null) values = parsed as Values;
    } catch {
      values = undefined;
    }
    this.files.set(path, values);
    return values;
  }

  private lookup(files: Array<Values | undefined>, key: string): unknown {
    for (const values of files) if (values !== undefined && key in values) return values[key];
    return undefined;
  }

  private apply(fields: Fields, tags: Readonly<Tags>): { fields: Fields; tags: Readonly<Tags> } {
    const files = this.order.map((t) => this.file(t.execute(tags)));
    const newFields: Fields = { ...fields };
    for (const [name, fallback] of this.fields) {
      const found = this.lookup(files, name);
      newFields[name] = found === undefined ? fallback : convert(found, fallback);
    }
    let newTags = tags;
    if (this.tags.length > 0) {
      const copy: Tags = { ...tags };
      for (const [name, fallback] of this.tags) {
        const found = this.lookup(files, name);
        copy[name] = found === undefined ? fallback : String(found);
      }
      newTags = copy;
    }
    return { fields: newFields, tags: newTags };
  }

  protected override point(p: PointMessage): void {
    this.emit({ ...p, ...this.apply(p.fields, p.tags) });
  }

  protected override batch(b: BatchMessage): void {
    this.emit({ ...b, points: b.points.map((pt) => ({ ...pt, ...this.apply(pt.fields, pt.tags) })) });
  }
}

/** A file value as the default's type. */
function convert(value: unknown, fallback: FieldValue): FieldValue {
  switch (typeof fallback) {
    case 'bigint':
      return typeof value === 'number' ? BigInt(Math.trunc(value)) : typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : fallback;
    case 'number':
      return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : fallback;
    case 'boolean':
      return typeof value === 'boolean' ? value : fallback;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}
