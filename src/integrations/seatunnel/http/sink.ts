// Http sink: POSTs each row to `url` as a JSON object (headers, params), as SeaTunnel's Http
// sink does; a non-2xx answer fails the job with the status and body.

import { JobRuntimeError } from '../../../jobs/errors.js';
import { PluginOptions } from '../../../jobs/options.js';
import type { SinkFactory } from '../../../jobs/plugin.js';
import { toJsonValue } from '../../../jobs/row-type.js';

export const httpSinkFactory: SinkFactory = {
  name: 'Http',
  create(values, input) {
    const options = new PluginOptions('Http', values);
    const url = new URL(options.string('url'));
    for (const [key, value] of Object.entries(options.map('params'))) url.searchParams.set(key, value);
    const headers = { 'Content-Type': 'application/json', ...options.map('headers') };
    return {
      async open() {
        return {
          async write(batch) {
            for (const row of batch) {
              const record: Record<string, unknown> = {};
              for (let i = 0; i < input.names.length; i++) record[input.names[i]!] = toJsonValue(row.fields[i], input.types[i]!);
              let response: Response;
              try {
                response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(record) });
              } catch (error) {
                throw new JobRuntimeError(`ErrorCode:[HTTP-01], ErrorDescription:[Http request failed] - POST ${url.href}: ${(error as Error).message}`, {
                  cause: error,
                });
              }
              const text = await response.text();
              if (response.status < 200 || response.status >= 300) {
                throw new JobRuntimeError(
                  `ErrorCode:[HTTP-01], ErrorDescription:[Http request failed] - POST ${url.href} answered ${response.status}: ${text.slice(0, 200)}`,
                );
              }
            }
          },
          async close() {},
        };
      },
    };
  },
};
