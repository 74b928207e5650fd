// The engine's entry points: compile a script (parse + checks + `option task`), and run it:
// evaluate to a plan, fetch every `from` (pushed-down InfluxQL) concurrently, compute the
// results, flush `to` writes. Errors are FluxErrors with positions; a run never hangs on them.

import type * as A from '../flux/ast.js';
import { FluxCompileError, FluxError } from '../flux/errors.js';
import { parse } from '../flux/parser.js';
import { createAggregates } from './aggregates.js';
import { checkProgram, packageAlias, type KnownNames } from './check.js';
import type { RunContext, RunResult, RunSettings } from './context.js';
import { runOffThread } from './off-thread.js';
import { Env, evaluateProgram } from './interpreter.js';
import { createPackage, PACKAGE_PATHS } from './packages.js';
import { createScalars } from './scalars.js';
import { isStream, type FromSpec, type Stream, type Table } from './table.js';
import { createTransformations } from './transformations.js';
import { FluxDuration, FluxTime, isFunction, isRecord, typeOf, type FluxRecord, type Value } from './values.js';

export interface TaskOptions {
  name: string;
  every?: FluxDuration;
  cron?: string;
  offset?: FluxDuration;
  concurrency?: number;
  retry?: number;
}

export interface CompiledScript {
  /** The script's text (a run thread compiles it again). */
  source: string;
  program: A.Program;
  /** `option task = {...}` when present. */
  task?: TaskOptions;
}

function universeFor(ctx: RunContext): Record<string, Value> {
  return { ...createScalars(ctx), ...createTransformations(ctx), ...createAggregates(ctx) };
}

let knownNames: KnownNames | undefined;
function known(): KnownNames {
  if (knownNames === undefined) {
    const ctx = dummyContext();
    const universe = universeFor(ctx);
    knownNames = {
      universe: new Set(Object.keys(universe)),
      packages: new Map(PACKAGE_PATHS.map((path) => [path, new Set(Object.keys(createPackage(path, ctx, universe)!))])),
    };
  }
  return knownNames;
}

function dummyContext(): RunContext {
  return { now: 0n, sinks: [], writes: [], materialize: () => [], log: () => undefined, options: {} };
}

/** Parses and checks a script and reads its task options; throws a positioned FluxError. */
export function compileScript(source: string): CompiledScript {
  const program = parse(source);
  checkProgram(program, known());
  const option = program.body.find(
    (s): s is A.OptionStatement => s.kind === 'OptionStatement' && s.assignment.kind === 'VariableAssignment' && s.assignment.id.name === 'task',
  );
  if (option === undefined) return { source, program };
  const ctx = dummyContext();
  ctx.now = BigInt(Date.now()) * 1_000_000n;
  const env = bindImports(program, ctx);
  let value: Value;
  try {
    evaluateProgram({ ...program, body: [option] }, env, { onStreamStatement: () => undefined, onOption: () => undefined });
    value = env.vars.task!;
  } catch (error) {
    if (error instanceof FluxError) throw error;
    throw new FluxCompileError((error as Error).message, option.loc);
  }
  const at = option.assignment.init.loc;
  if (!isRecord(value)) throw new FluxCompileError('option task must be a record', at);
  const record = value as FluxRecord;
  const name = record.name;
  if (typeof name !== 'string' || name === '') throw new FluxCompileError('option task needs a "name" string', at);
  const task: TaskOptions = { name };
  if (record.every !== undefined) {
    if (!(record.every instanceof FluxDuration)) throw new FluxCompileError(`task "every" must be a duration, got ${typeOf(record.every)}`, at);
    if (record.every.months !== 0 || record.every.ns <= 0n) throw new FluxCompileError('task "every" must be a positive duration without months', at);
    task.every = record.every;
  }
  if (record.cron !== undefined) {
    if (typeof record.cron !== 'string') throw new FluxCompileError('task "cron" must be a string', at);
    task.cron = record.cron;
  }
  if (task.every !== undefined && task.cron !== undefined) throw new FluxCompileError('task must have only one of "every" or "cron"', at);
  if (task.every === undefined && task.cron === undefined) throw new FluxCompileError('task must have "every" or "cron"', at);
  if (record.offset !== undefined) {
    if (!(record.offset instanceof FluxDuration) || record.offset.months !== 0)
      throw new FluxCompileError('task "offset" must be a duration without months', at);
    task.offset = record.offset;
  }
  for (const key of ['concurrency', 'retry'] as const) {
    const v = record[key];
    if (v === undefined) continue;
    if (typeof v !== 'bigint' || v < 0n) throw new FluxCompileError(`task "${key}" must be a non-negative int`, at);
    task[key] = Number(v);
  }
  return { source, program, task };
}

function bindImports(program: A.Program, ctx: RunContext): Env {
  const universe = universeFor(ctx);
  const packages: Record<string, Value> = {};
  for (const decl of program.imports) packages[packageAlias(decl)] = createPackage(decl.path, ctx, universe)!;
  return new Env({ ...packages }, new Env(universe));
}

export type { RunResult, RunSettings } from './context.js';

/** True when a script imports a package whose calls block (http.post): it runs off-thread. */
export function needsRunThread(script: CompiledScript): boolean {
  return script.program.imports.some((decl) => decl.path === 'http');
}

/**
 * Runs a compiled script once. Table work stays synchronous on the caller's thread; a script
 * that calls http.post runs on a worker thread (off-thread.ts) unless it already is on one.
 */
export async function runScript(script: CompiledScript, settings: RunSettings): Promise<RunResult> {
  if (settings.httpPost === undefined && needsRunThread(script)) return runOffThread(script.source, settings);
  const cache = new Map<Stream, Table[]>();
  const fetched = new Map<FromSpec, Table[]>();
  const ctx: RunContext = {
    now: settings.now,
    sinks: [],
    writes: [],
    options: {},
    log: settings.log ?? (() => undefined),
    httpPost: settings.httpPost,
    materialize: (stream) => materialize(stream),
  };
  function materialize(stream: Stream): Table[] {
    if (!isStream(stream)) throw new Error(`expected a table stream, got ${typeOf(stream)}`);
    const cached = cache.get(stream);
    if (cached !== undefined) return cached;
    const node = stream.node;
    let tables: Table[];
    if (node.kind === 'tables') tables = node.tables;
    else if (node.kind === 'from') {
      const got = fetched.get(node.spec);
      if (got === undefined) throw new FluxError('from() used inside a function applied to tables is not supported', node.spec.loc);
      tables = got;
    } else {
      try {
        tables = node.run(node.inputs.map(materialize));
      } catch (error) {
        if (error instanceof FluxError) throw error;
        throw new FluxError(`error calling function "${node.name}": ${(error as Error).message}`, node.loc);
      }
    }
    cache.set(stream, tables);
    return tables;
  }

  const env = bindImports(script.program, ctx);
  evaluateProgram(script.program, env, {
    onStreamStatement: (value, loc) => {
      if (!ctx.sinks.some((s) => s.stream === value)) ctx.sinks.push({ name: '_result', stream: value as Stream, loc });
    },
    onOption: (name, value) => {
      if (name === 'now' && isFunction(value)) {
        const t = value.call({});
        if (t instanceof FluxTime) ctx.now = t.ns;
      }
    },
  });

  const specs = new Set<FromSpec>();
  const visit = (stream: Stream, seen: Set<Stream>): void => {
    if (seen.has(stream)) return;
    seen.add(stream);
    if (stream.node.kind === 'from') specs.add(stream.node.spec);
    else if (stream.node.kind === 'op') for (const input of stream.node.inputs) visit(input, seen);
  };
  const seen = new Set<Stream>();
  for (const sink of ctx.sinks) visit(sink.stream, seen);
  for (const spec of specs) {
    if (spec.start === undefined) throw new FluxError('from() must be followed by range() (an unbounded read is refused)', spec.loc);
  }
  await Promise.all(
    [...specs].map(async (spec) => {
      try {
        fetched.set(spec, await settings.source.read(spec));
      } catch (error) {
        if (error instanceof FluxError) throw error;
        throw new FluxError(`error calling function "from": ${(error as Error).message}`, spec.loc);
      }
    }),
  );
  const results: RunResult['results'] = [];
  for (const sink of ctx.sinks) {
    const tables = materialize(sink.stream);
    if (sink.name !== '') results.push({ name: sink.name, tables });
  }
  let pointsWritten = 0;
  for (const write of ctx.writes) {
    if (write.points.length === 0) continue;
    await settings.source.write(write.bucket, write.points);
    pointsWritten += write.points.length;
  }
  return { results, pointsWritten };
}
