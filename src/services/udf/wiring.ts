// Server wiring of UDFs and the task compile environment: reads `[udf] functions` and
// `[deadman]` from the running configuration, loads every function's Info, and hands the
// engine the function configurations and the task compiler the Info and deadman settings.

import type { Logger } from 'pino';
import type { Config } from '../../config/sections.js';
import type { DeadmanConfig, UdfInfo } from '../../pipeline/build.js';
import type { CompileEnvironment } from '../tasks/task-compiler.js';
import { parseUdfFunctions } from '../../udf/config.js';
import { UdfService } from './service.js';

export function deadmanSettings(config: Partial<Config>): DeadmanConfig | undefined {
  const deadman = config.deadman;
  if (deadman === undefined) return undefined;
  return {
    id: deadman.id,
    message: deadman.message,
    global: deadman.global,
    threshold: deadman.threshold,
    intervalNs: BigInt(Math.round(deadman.interval)) * 1_000_000n,
  };
}

/**
 * Opens the UDF service; returns it (UDF nodes look functions up through it) and what every
 * task compile sees: the [deadman] settings and the UDFs' Info.
 */
export async function wireUdfs(config: Partial<Config>, logger: Logger): Promise<{ udfs: UdfService; compileEnvironment: CompileEnvironment }> {
  const udfs = new UdfService(parseUdfFunctions(config.udf?.functions ?? {}), logger);
  await udfs.open();
  const infos: Record<string, UdfInfo> = udfs.list();
  return { udfs, compileEnvironment: { deadman: deadmanSettings(config), udfs: infos } };
}
