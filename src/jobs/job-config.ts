// A job's configuration (the JSON body of /submit-job): env, source, transform and sink lists,
// checked as SeaTunnel checks them (plugin names, table names, graph shape) with its messages.
// Pure: no I/O, no plugin lookup (see dag.ts and the catalogue).

import { JobDefineError } from './errors.js';

export type JobMode = 'BATCH' | 'STREAMING';
export type PluginKind = 'source' | 'transform' | 'sink';

export interface PluginConfig {
  kind: PluginKind;
  /** Position within its list (Source[0], Transform[1], ...). */
  index: number;
  name: string;
  options: Record<string, unknown>;
  /** The table this plugin produces (sources and transforms). */
  output: string;
  /** The tables this plugin reads (transforms and sinks). */
  inputs: string[];
}

export interface JobDefinition {
  env: Record<string, unknown>;
  mode: JobMode;
  parallelism: number;
  /** Streaming checkpoint interval, ms. */
  checkpointIntervalMs: number;
  /** env job.name, or SeaTunnel's default. */
  jobName: string;
  sources: PluginConfig[];
  transforms: PluginConfig[];
  sinks: PluginConfig[];
}

export const DEFAULT_TABLE = 'default_identifier';
export const DEFAULT_JOB_NAME = 'SeaTunnel';
const RESULT_TABLE_NAME = 'result_table_name';
const SOURCE_TABLE_NAME = 'source_table_name';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function outputOf(options: Record<string, unknown>): string | undefined {
  const value = options.plugin_output ?? options[RESULT_TABLE_NAME];
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

function inputsOf(options: Record<string, unknown>): string[] | undefined {
  const value = options.plugin_input ?? options[SOURCE_TABLE_NAME];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function pluginName(options: Record<string, unknown>): string {
  const name = options.plugin_name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new JobDefineError("The 'plugin_name' option is not configured, please configure it.");
  }
  return name;
}

function list(body: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (!isObject(item)) throw new JobDefineError(`Invalid '${key}' config: each plugin must be an object.`);
  }
  return items as Record<string, unknown>[];
}

function durationMs(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new JobDefineError(`Invalid env option 'checkpoint.interval': ${JSON.stringify(value)}`);
  return n;
}

/** Parses and checks a job configuration. Throws JobDefineError with SeaTunnel's messages. */
export function parseJobConfig(body: unknown): JobDefinition {
  if (!isObject(body)) throw new JobDefineError('Invalid JSON format in request body.');
  const env = body.env === undefined ? {} : body.env;
  if (!isObject(env)) throw new JobDefineError("Invalid 'env' config: it must be an object.");
  const modeText = String(env['job.mode'] ?? 'BATCH').toUpperCase();
  if (modeText !== 'BATCH' && modeText !== 'STREAMING') {
    throw new JobDefineError(`No enum constant org.apache.seatunnel.common.constants.JobMode.${modeText}`);
  }
  const parallelism = Number(env.parallelism ?? 1);
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new JobDefineError(`Invalid env option 'parallelism': ${JSON.stringify(env.parallelism)}`);

  const make =
    (kind: PluginKind) =>
    (options: Record<string, unknown>, index: number): PluginConfig => ({
      kind,
      index,
      name: pluginName(options),
      options,
      output: outputOf(options) ?? DEFAULT_TABLE,
      inputs: inputsOf(options) ?? [DEFAULT_TABLE],
    });
  const sourceOptions = list(body, 'source');
  const transformOptions = list(body, 'transform');
  const sinkOptions = list(body, 'sink');
  const sources = sourceOptions.map(make('source'));
  const transforms = transformOptions.map(make('transform'));
  const sinks = sinkOptions.map(make('sink'));
  if (sources.length === 0 || sinks.length === 0) throw new JobDefineError('Source And Sink can not be null');

  if (sources.length === 1 && sinks.length === 1 && transforms.length <= 1) {
    // A simple graph: wired in order whatever its table names say (SeaTunnel tolerates it).
    const chain = [sources[0]!, ...transforms, sinks[0]!];
    for (let i = 1; i < chain.length; i++) chain[i]!.inputs = [chain[i - 1]!.output];
  } else {
    checkComplexGraph(sourceOptions, transformOptions, sinkOptions, sources, transforms, sinks);
  }

  return {
    env,
    mode: modeText,
    parallelism,
    checkpointIntervalMs: durationMs(env['checkpoint.interval'], modeText === 'STREAMING' ? 30_000 : 0),
    jobName: typeof env['job.name'] === 'string' && env['job.name'] !== '' ? env['job.name'] : DEFAULT_JOB_NAME,
    sources,
    transforms,
    sinks,
  };
}

function checkComplexGraph(
  sourceOptions: Record<string, unknown>[],
  transformOptions: Record<string, unknown>[],
  sinkOptions: Record<string, unknown>[],
  sources: PluginConfig[],
  transforms: PluginConfig[],
  sinks: PluginConfig[],
): void {
  for (const options of [...sourceOptions, ...transformOptions]) {
    if (outputOf(options) === undefined) {
      throw new JobDefineError(`The source/transform(${String(options.plugin_name)}) is not configured with '${RESULT_TABLE_NAME}' option`);
    }
  }
  for (const options of [...transformOptions, ...sinkOptions]) {
    if (inputsOf(options) === undefined) {
      throw new JobDefineError(`The transform/sink(${String(options.plugin_name)}) is not configured with '${SOURCE_TABLE_NAME}' option`);
    }
  }
  const producers = new Map<string, { plugin: PluginConfig; linked: boolean }>();
  for (const plugin of [...sources, ...transforms]) {
    const old = producers.get(plugin.output);
    if (old !== undefined) {
      throw new JobDefineError(
        `The value of the '${RESULT_TABLE_NAME}' option of the (${plugin.name} and ${old.plugin.name}) plugins is both '${plugin.output}', and they must be different.`,
      );
    }
    producers.set(plugin.output, { plugin, linked: false });
  }
  for (const plugin of [...transforms, ...sinks]) {
    for (const input of plugin.inputs) {
      const producer = producers.get(input);
      if (producer === undefined) {
        throw new JobDefineError(
          `The '${SOURCE_TABLE_NAME}' option configured in [${plugin.name}] is incorrect, and the source/transform[${input}] is not found.`,
        );
      }
      producer.linked = true;
    }
  }
  for (const [id, producer] of producers) {
    if (!producer.linked) {
      throw new JobDefineError(
        `The '${SOURCE_TABLE_NAME}' option configured is incorrect, this table(${id}) belonging to source/transform(${producer.plugin.name}) is not used.`,
      );
    }
  }
}
