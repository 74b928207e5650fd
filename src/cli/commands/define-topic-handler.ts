// `kapacitor define-topic-handler <file>`: creates or replaces an alert handler of a topic from
// a YAML or JSON spec (topic, id, kind, match, options).

import { readFileSync } from 'node:fs';
import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError } from './errors.js';
import { decodeSpecFile, fileErrorReason } from './files.js';
import { apiPath, ServerError } from './http-client.js';
import { printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor define-topic-handler <path to handler spec file>

	Creates an alert handler of a topic, or replaces it.

	The spec is a YAML or JSON file with the topic, the handler id and kind, an optional
	match expression and the kind's options.

Example:

	Define the handler described in slack.yaml:

		$ kapacitor define-topic-handler slack.yaml

		with slack.yaml:

		topic: cpu
		id: slack
		kind: slack
		options:
		  channel: '#alerts'
`;

interface HandlerSpec {
  topic?: string;
  id?: string;
  kind?: string;
  match?: string;
  options?: Record<string, unknown>;
}

export const defineTopicHandlerCommand: Command = {
  name: 'define-topic-handler',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length !== 1) usageExit(io, 'Must provide a path to a handler file.', () => this.usage(io));
    const path = args[0]!;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CommandError(`failed to open handler spec file ${JSON.stringify(path)}: open ${path}: ${fileErrorReason(error)}`);
    }
    const decoded = decodeSpecFile(path, text, 'handler');
    if (decoded === undefined) throw new CommandError(`failed to decode handler file ${JSON.stringify(path)}: the file name must end in .yaml, .yml or .json`);
    const spec = (decoded ?? {}) as HandlerSpec;
    const topic = String(spec.topic ?? '');
    const id = String(spec.id ?? '');
    if (topic === '') throw new CommandError(`handler file ${JSON.stringify(path)} must name a topic`);
    const body = { id, kind: spec.kind ?? '', match: spec.match ?? '', options: spec.options ?? {} };

    const handlerPath = apiPath('alerts', 'topics', topic, 'handlers', id);
    let exists = id !== '';
    if (exists) {
      try {
        await client.json('GET', handlerPath);
      } catch (error) {
        if (!(error instanceof ServerError)) throw error;
        exists = false;
      }
    }
    if (exists) await client.json('PUT', handlerPath, { json: body });
    else await client.json('POST', apiPath('alerts', 'topics', topic, 'handlers'), { json: body });
  },
};
