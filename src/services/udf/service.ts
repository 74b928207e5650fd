// The UDF service: at startup asks every configured function's agent for its Info (edges and
// option types), so task definitions can check `@name().option(...)` calls; UDF nodes read a
// function's configuration from here when their task starts.

import type { Logger } from 'pino';
import { fetchInfo } from '../../udf/agent.js';
import type { UdfFunctionConfig } from '../../udf/config.js';
import type { InfoResponse } from '../../udf/messages.js';

export class UdfService {
  private readonly infos = new Map<string, InfoResponse>();
  private readonly configs: Map<string, UdfFunctionConfig>;

  constructor(
    functions: readonly UdfFunctionConfig[],
    private readonly logger: Logger,
  ) {
    this.configs = new Map(functions.map((f) => [f.name, f]));
  }

  /** Loads every function's Info; a function whose agent fails is logged and left out. */
  async open(): Promise<void> {
    await Promise.all(
      [...this.configs.values()].map(async (config) => {
        try {
          this.infos.set(config.name, await fetchInfo(config));
          this.logger.debug({ udf: config.name }, 'loaded UDF info');
        } catch (error) {
          this.logger.error({ udf: config.name, err: (error as Error).message }, 'failed to load UDF info');
        }
      }),
    );
  }

  /** Functions with their Info, by name. */
  list(): Record<string, InfoResponse> {
    return Object.fromEntries(this.infos);
  }

  functionConfig(name: string): UdfFunctionConfig | undefined {
    return this.configs.get(name);
  }
}
