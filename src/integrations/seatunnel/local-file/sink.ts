// LocalFile sink: writes rows as text, CSV or JSON lines into files under `path`, a new file
// every `batch_size` rows (rotation). Options: path, file_format_type, field_delimiter,
// row_delimiter, file_name_expression, batch_size, enable_header_write. Appends are
// synchronous, so what a checkpoint covers is on disk.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PluginOptions } from '../../../jobs/options.js';
import type { SinkFactory } from '../../../jobs/plugin.js';
import { defaultDelimiter, fileFormat, formatRow } from './format.js';

const EXTENSIONS = { text: 'txt', csv: 'csv', json: 'json' } as const;

export const localFileSinkFactory: SinkFactory = {
  name: 'LocalFile',
  create(values, input) {
    const options = new PluginOptions('LocalFile', values);
    const dir = options.string('path');
    const format = fileFormat(options.string('file_format_type', 'csv'));
    const delimiter = options.string('field_delimiter', defaultDelimiter(format));
    const rowDelimiter = options.string('row_delimiter', '\n');
    const batchSize = Math.max(1, options.number('batch_size', 1_000_000));
    const header = options.boolean('enable_header_write', false);
    return {
      async open(context) {
        mkdirSync(dir, { recursive: true });
        const base = options.string('file_name_expression', `T_${context.jobId}_0`).replace('${transactionId}', context.jobId);
        let fileIndex = 0;
        let rowsInFile = 0;
        const file = () => join(dir, `${base}_${fileIndex}.${EXTENSIONS[format]}`);
        return {
          write(batch) {
            let text = '';
            for (let r = 0; r < batch.length; r++) {
              if (rowsInFile === 0 && header && format !== 'json') text += input.names.join(delimiter) + rowDelimiter;
              text += formatRow(batch[r]!.fields, format, delimiter, input) + rowDelimiter;
              rowsInFile++;
              if (rowsInFile >= batchSize) {
                appendFileSync(file(), text);
                text = '';
                fileIndex++;
                rowsInFile = 0;
              }
            }
            if (text !== '') appendFileSync(file(), text);
          },
          async close() {},
        };
      },
    };
  },
};
