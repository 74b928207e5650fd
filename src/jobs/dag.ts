// Builds a runnable DAG from a checked job definition: each plugin created through the
// catalogue, wired by table name in dependency order, plus the `jobDag` document SeaTunnel
// reports (vertexInfoMap, pipelineEdges). Unknown plugins fail here, with SeaTunnel's message.

import { JobDefineError } from './errors.js';
import type { JobDefinition, PluginConfig } from './job-config.js';
import type { PluginCatalogue, SinkPlugin, SourcePlugin, TransformPlugin } from './plugin.js';
import type { RowType } from './row-type.js';

export interface SourceVertex {
  id: number;
  config: PluginConfig;
  plugin: SourcePlugin;
}
export interface TransformVertex {
  id: number;
  config: PluginConfig;
  plugin: TransformPlugin;
  input: number;
}
export interface SinkVertex {
  id: number;
  config: PluginConfig;
  plugin: SinkPlugin;
  inputs: number[];
}

export interface JobDagDocument {
  jobId: string;
  pipelineEdges: Record<string, Array<{ inputVertexId: string; targetVertexId: string }>>;
  envOptions: Record<string, unknown>;
  vertexInfoMap: Array<{ vertexId: number; type: string; vertexName: string; tablePaths: string[] }>;
}

export interface RunnableDag {
  sources: SourceVertex[];
  /** In dependency order: a transform comes after the vertex it reads. */
  transforms: TransformVertex[];
  sinks: SinkVertex[];
  document(jobId: string): JobDagDocument;
}

const FACTORY_INTERFACES = {
  source: 'org.apache.seatunnel.api.table.factory.TableSourceFactory',
  transform: 'org.apache.seatunnel.api.table.factory.TableTransformFactory',
  sink: 'org.apache.seatunnel.api.table.factory.TableSinkFactory',
} as const;

function findFactory<T extends { name: string }>(factories: T[], config: PluginConfig): T {
  const wanted = config.name.toLowerCase();
  const found = factories.find((f) => f.name.toLowerCase() === wanted);
  if (found !== undefined) return found;
  const available = [...new Set(factories.map((f) => f.name))].sort().join('\n');
  throw new JobDefineError(
    `Could not find any factory for identifier '${config.name}' that implements '${FACTORY_INTERFACES[config.kind]}' in the classpath.\n\nAvailable factory identifiers are:\n\n${available}`,
  );
}

function vertexName(config: PluginConfig): string {
  const kind = config.kind === 'source' ? 'Source' : config.kind === 'sink' ? 'Sink' : 'Transform';
  return `${kind}[${config.index}]-${config.name}`;
}

export function buildDag(definition: JobDefinition, catalogue: PluginCatalogue): RunnableDag {
  let nextId = 1;
  const producers = new Map<string, { id: number; rowType: RowType }>();
  const sources: SourceVertex[] = definition.sources.map((config) => {
    const plugin = findFactory(catalogue.sources, config).create(config.options, definition.mode);
    const vertex = { id: nextId++, config, plugin };
    producers.set(config.output, { id: vertex.id, rowType: plugin.rowType });
    return vertex;
  });
  const transforms: TransformVertex[] = [];
  const pending = [...definition.transforms];
  for (const config of pending) findFactory(catalogue.transforms, config);
  while (pending.length > 0) {
    const ready = pending.findIndex((config) => producers.has(config.inputs[0]!));
    if (ready < 0) {
      const stuck = pending[0]!;
      throw new JobDefineError(
        `The '${'source_table_name'}' option configured in [${stuck.name}] is incorrect, and the source/transform[${stuck.inputs[0]}] is not found.`,
      );
    }
    const [config] = pending.splice(ready, 1) as [PluginConfig];
    if (config.inputs.length > 1) throw new JobDefineError('Adding transform to multi-table source is not supported.');
    const input = producers.get(config.inputs[0]!)!;
    const plugin = findFactory(catalogue.transforms, config).create(config.options, input.rowType);
    const id = nextId++;
    transforms.push({ id, config, plugin, input: input.id });
    producers.set(config.output, { id, rowType: plugin.rowType });
  }
  const sinks: SinkVertex[] = definition.sinks.map((config) => {
    const inputs = config.inputs.map((name) => producers.get(name)!);
    const types = inputs.map((input) => input.rowType);
    if (types.some((type) => type.names.join('\u0000') !== types[0]!.names.join('\u0000'))) {
      throw new JobDefineError("Transform/Sink don't support processing data with two different structures.");
    }
    const plugin = findFactory(catalogue.sinks, config).create(config.options, types[0]!);
    return { id: nextId++, config, plugin, inputs: inputs.map((input) => input.id) };
  });

  return {
    sources,
    transforms,
    sinks,
    document(jobId: string): JobDagDocument {
      const edges: Array<{ inputVertexId: string; targetVertexId: string }> = [];
      for (const t of transforms) edges.push({ inputVertexId: String(t.input), targetVertexId: String(t.id) });
      for (const s of sinks) for (const input of s.inputs) edges.push({ inputVertexId: String(input), targetVertexId: String(s.id) });
      const vertexInfoMap = [
        ...sources.map((v) => ({ vertexId: v.id, type: 'source', vertexName: vertexName(v.config), tablePaths: v.plugin.tablePaths ?? [v.config.output] })),
        ...transforms.map((v) => ({ vertexId: v.id, type: 'transform', vertexName: vertexName(v.config), tablePaths: [v.config.output] })),
        ...sinks.map((v) => ({ vertexId: v.id, type: 'sink', vertexName: vertexName(v.config), tablePaths: v.config.inputs })),
      ];
      return { jobId, pipelineEdges: { 1: edges }, envOptions: definition.env, vertexInfoMap };
    },
  };
}
