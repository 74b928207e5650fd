// `kapacitor flux task ...`: Flux task management as newer Kapacitor's CLI offers it (create,
// list, update, delete, log list, run list, run retry, retry-failed), against
// /kapacitor/v1/api/v2/tasks. Tables by default, --json for the API's JSON. Never edits a
// script itself: create/update send the script as given.

import { readFileSync } from 'node:fs';
import { CommandError } from './errors.js';
import type { CliIO, Command, CommandContext } from './context.js';
import { printUsage, usageExit } from './usage.js';

const API = '/kapacitor/v1/api/v2/tasks';

const USAGE = `Usage: kapacitor flux task <command> [flags]

	Manages Flux tasks.

Commands:

	create [script | -]      Create a task from a script (argument, --file/-f or - for stdin). Flags: --json
	list                     List tasks (aliases find, ls). Flags: --id/-i, --user-id/-n, --limit, --json
	update [script | -]      Update a task's script or status. Flags: --id/-i (required), --status, --file/-f, --json
	delete                   Delete a task. Flags: --id/-i (required)
	log list                 List logs of a task or of one run. Flags: --task-id (required), --run-id, --json
	run list                 List runs of a task. Flags: --task-id (required), --run-id, --after, --before, --limit, --json
	run retry                Retry a run. Flags: --task-id (required), --run-id (required), --json
	retry-failed             Retry failed runs (alias rtf). Flags: --id/-i, --before, --after, --dry-run, --task-limit, --run-limit, --json

Examples:

		$ kapacitor flux task create -f cpu.flux

		$ kapacitor flux task run list --task-id 0a1b2c3d4e5f6071 --limit 10
`;

type FlagSpec = Record<string, { alias?: string; bool?: boolean }>;

function parseFlags(args: string[], spec: FlagSpec): { values: Record<string, string | boolean>; rest: string[] } {
  const values: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      rest.push(arg);
      continue;
    }
    let name = arg.replace(/^--?/, '');
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const key = Object.keys(spec).find((k) => k === name || spec[k]!.alias === name);
    if (key === undefined) throw new CommandError(`flag provided but not defined: -${name}`);
    if (spec[key]!.bool) {
      values[key] = value === undefined ? true : value === 'true';
      continue;
    }
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) throw new CommandError(`flag needs an argument: -${name}`);
    }
    values[key] = value;
  }
  return { values, rest };
}

function table(io: CliIO, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]! + 2)))
      .join('')
      .trimEnd();
  io.out(`${line(headers)}\n`);
  for (const row of rows) io.out(`${line(row)}\n`);
}

function script(values: Record<string, string | boolean>, rest: string[], stdin: () => string): string | undefined {
  if (typeof values.file === 'string') return readFileSync(values.file, 'utf8');
  if (rest[0] === '-') return stdin();
  return rest[0];
}

const taskRow = (t: any) => [t.id, t.name, t.orgID ?? '', '', t.status, t.every ?? '', t.cron ?? ''];
const TASK_HEADERS = ['ID', 'Name', 'Organization ID', 'Organization', 'Status', 'Every', 'Cron'];
const runRow = (r: any) => [r.id, r.taskID, r.status, r.scheduledFor ?? '', r.startedAt ?? '', r.finishedAt ?? '', r.requestedAt ?? ''];
const RUN_HEADERS = ['ID', 'TaskID', 'Status', 'ScheduledFor', 'StartedAt', 'FinishedAt', 'RequestedAt'];

export const fluxCommand: Command = {
  name: 'flux',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args[0] !== 'task' || args.length < 2) usageExit(io, 'Must pass "task" and a command', () => this.usage(io));
    const [command, ...rest] = args.slice(1) as [string, ...string[]];
    const stdin = () => readFileSync(0, 'utf8');
    const print = (json: boolean, value: unknown, headers: string[], rows: string[][]) => {
      if (json) io.out(`${JSON.stringify(value, null, 2)}\n`);
      else table(io, headers, rows);
    };
    switch (command) {
      case 'create': {
        const { values, rest: positional } = parseFlags(rest, { file: { alias: 'f' }, json: { bool: true } });
        const flux = script(values, positional, stdin);
        if (!flux) throw new CommandError('a Flux script is required (argument, --file or - for stdin)');
        const task = await client.json('POST', API, { json: { flux } });
        print(values.json === true, task, TASK_HEADERS, [taskRow(task)]);
        return;
      }
      case 'list':
      case 'find':
      case 'ls': {
        const { values } = parseFlags(rest, { id: { alias: 'i' }, 'user-id': { alias: 'n' }, limit: {}, json: { bool: true } });
        let tasks: any[];
        if (typeof values.id === 'string') tasks = [await client.json('GET', `${API}/${encodeURIComponent(values.id)}`)];
        else tasks = (await client.json('GET', API, { query: [['limit', String(values.limit ?? 500)]] })).tasks;
        print(values.json === true, tasks, TASK_HEADERS, tasks.map(taskRow));
        return;
      }
      case 'update': {
        const { values, rest: positional } = parseFlags(rest, { id: { alias: 'i' }, status: {}, file: { alias: 'f' }, json: { bool: true } });
        if (typeof values.id !== 'string') throw new CommandError('Required flag "id" not set');
        const flux = script(values, positional, stdin);
        const body: Record<string, string> = {};
        if (flux) body.flux = flux;
        if (typeof values.status === 'string') body.status = values.status;
        const task = await client.json('PATCH', `${API}/${encodeURIComponent(values.id)}`, { json: body });
        print(values.json === true, task, TASK_HEADERS, [taskRow(task)]);
        return;
      }
      case 'delete': {
        const { values } = parseFlags(rest, { id: { alias: 'i' }, json: { bool: true } });
        if (typeof values.id !== 'string') throw new CommandError('Required flag "id" not set');
        const task = await client.json('GET', `${API}/${encodeURIComponent(values.id)}`);
        await client.json('DELETE', `${API}/${encodeURIComponent(values.id)}`);
        print(values.json === true, task, TASK_HEADERS, [taskRow(task)]);
        return;
      }
      case 'log': {
        if (rest[0] !== 'list') throw new CommandError('usage: kapacitor flux task log list --task-id ID [--run-id ID]');
        const { values } = parseFlags(rest.slice(1), { 'task-id': {}, 'run-id': {}, json: { bool: true } });
        if (typeof values['task-id'] !== 'string') throw new CommandError('Required flag "task-id" not set');
        const base = `${API}/${encodeURIComponent(values['task-id'])}`;
        const path = typeof values['run-id'] === 'string' ? `${base}/runs/${encodeURIComponent(values['run-id'])}/logs` : `${base}/logs`;
        const events = (await client.json('GET', path)).events as any[];
        print(
          values.json === true,
          events,
          ['RunID', 'Time', 'Message'],
          events.map((e) => [e.runID, e.time, e.message]),
        );
        return;
      }
      case 'run': {
        const sub = rest[0];
        const { values } = parseFlags(rest.slice(1), { 'task-id': {}, 'run-id': {}, after: {}, before: {}, limit: {}, json: { bool: true } });
        if (typeof values['task-id'] !== 'string') throw new CommandError('Required flag "task-id" not set');
        const base = `${API}/${encodeURIComponent(values['task-id'])}`;
        if (sub === 'list') {
          let runs: any[];
          if (typeof values['run-id'] === 'string') runs = [await client.json('GET', `${base}/runs/${encodeURIComponent(values['run-id'])}`)];
          else {
            const query: Array<[string, string]> = [];
            if (typeof values.after === 'string') query.push(['afterTime', values.after]);
            if (typeof values.before === 'string') query.push(['beforeTime', values.before]);
            if (typeof values.limit === 'string') query.push(['limit', values.limit]);
            runs = (await client.json('GET', `${base}/runs`, { query })).runs;
          }
          print(values.json === true, runs, RUN_HEADERS, runs.map(runRow));
          return;
        }
        if (sub === 'retry') {
          if (typeof values['run-id'] !== 'string') throw new CommandError('Required flag "run-id" not set');
          const run = await client.json('POST', `${base}/runs/${encodeURIComponent(values['run-id'])}/retry`);
          if (values.json === true) io.out(`${JSON.stringify(run, null, 2)}\n`);
          else io.out(`Retry for task ${run.taskID}'s run ${values['run-id']} queued as run ${run.id}.\n`);
          return;
        }
        throw new CommandError('usage: kapacitor flux task run (list|retry) --task-id ID ...');
      }
      case 'retry-failed':
      case 'rtf': {
        const { values } = parseFlags(rest, {
          id: { alias: 'i' },
          before: {},
          after: {},
          'dry-run': { bool: true },
          'task-limit': {},
          'run-limit': {},
          json: { bool: true },
        });
        const tasks: any[] =
          typeof values.id === 'string'
            ? [await client.json('GET', `${API}/${encodeURIComponent(values.id)}`)]
            : (await client.json('GET', API, { query: [['limit', String(values['task-limit'] ?? 100)]] })).tasks;
        const retried: any[] = [];
        for (const task of tasks) {
          const query: Array<[string, string]> = [['limit', String(values['run-limit'] ?? 100)]];
          if (typeof values.after === 'string') query.push(['afterTime', values.after]);
          if (typeof values.before === 'string') query.push(['beforeTime', values.before]);
          const runs = ((await client.json('GET', `${API}/${task.id}/runs`, { query })).runs as any[]).filter((r) => r.status === 'failed');
          for (const run of runs) {
            if (values['dry-run'] === true) {
              io.out(`Would retry for ${task.id} run for Time ${run.scheduledFor}.\n`);
              continue;
            }
            const queued = await client.json('POST', `${API}/${task.id}/runs/${run.id}/retry`);
            retried.push(queued);
            if (values.json !== true) io.out(`Retry for task ${task.id}'s run ${run.id} queued as run ${queued.id}.\n`);
          }
        }
        if (values.json === true) io.out(`${JSON.stringify(retried, null, 2)}\n`);
        return;
      }
    }
    usageExit(io, `Unknown command ${command}`, () => this.usage(io));
  },
};
