// Turns a stored task (script, type, vars) into a validated pipeline, and renders what the API
// shows of it (formatted script, DOT, template vars). The one place where the task service
// meets the TICKscript layers; errors come out with Kapacitor's wording.

import { parse } from '../../tick/parser.js';
import { format } from '../../tick/formatter.js';
import { buildPipeline, listTemplateVars, TaskTypeError, type DeadmanConfig, type UdfInfo } from '../../pipeline/build.js';
import { renderDot } from '../../pipeline/dot.js';
import type { DBRP, Pipeline, TaskStatsSnapshot } from '../../pipeline/types.js';
import type { TaskType, VarSpec } from './task-record.js';

export interface CompiledTask {
  readonly pipeline: Pipeline;
  readonly type: TaskType;
  /** dbrp statements of the script. */
  readonly dbrps: DBRP[];
}

/** A script the API refuses; `message` is what the API answers. */
export class TaskDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskDefinitionError';
  }
}

/** What the server's configuration adds to every task: `[deadman]` and the `[udf]` functions' Info. */
export interface CompileEnvironment {
  deadman?: DeadmanConfig;
  udfs?: Record<string, UdfInfo>;
}

export interface CompileOptions {
  /** Templates may leave typed vars without a value. */
  template?: boolean;
}

/**
 * The one compiler of tasks, templates, recordings and replays, made once by the server with
 * the configuration's environment (no process-wide state).
 */
export class TaskCompiler {
  constructor(private readonly environment: CompileEnvironment = {}) {}

  /**
   * Parses and validates a script; throws TaskDefinitionError with Kapacitor's message. As in
   * Kapacitor, the script's own sources decide the task type; the requested type is not used.
   */
  compile(script: string, _type: TaskType | undefined, vars: Record<string, VarSpec>, options: CompileOptions = {}): CompiledTask {
    try {
      const program = parse(script);
      const pipeline = buildPipeline(program, {
        vars,
        ignoreMissingVars: options.template === true,
        deadman: this.environment.deadman,
        udfs: this.environment.udfs,
      });
      return { pipeline, type: pipeline.type, dbrps: pipeline.dbrps };
    } catch (error) {
      const message = (error as Error).message;
      throw new TaskDefinitionError(error instanceof TaskTypeError ? message : `invalid TICKscript: ${message}`);
    }
  }
}

/** The canonical formatting of a script, or the script itself when it does not parse. */
export function formatScript(script: string): string {
  try {
    return format(parse(script));
  } catch {
    return script;
  }
}

export function templateVars(script: string, type: TaskType): Record<string, VarSpec> {
  return listTemplateVars(parse(script), type);
}

export function taskDot(id: string, pipeline: Pipeline, stats?: TaskStatsSnapshot, labels = false): string {
  return renderDot(id, pipeline, { stats, labels });
}
