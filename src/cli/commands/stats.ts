// `kapacitor stats general|ingress` (summaries of the server's debug vars) and `kapacitor vars`
// (the debug vars document itself, as the server sends it).

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError } from './errors.js';
import { byteLength, padLeft, padRight } from './go-format.js';
import { printUsage } from './usage.js';

const STATS_USAGE = `Usage: kapacitor stats <general|ingress>

	Prints statistics of the server.

	general - the server's identity, version and task counts.
	ingress - the points received per database, retention policy and measurement.
`;

const VARS_USAGE = `Usage: kapacitor vars

	Prints the server's debug vars (ids, version, statistics, memory) as JSON.
`;

interface Statistic {
  name?: string;
  tags?: Record<string, string>;
  values?: Record<string, unknown>;
}

interface DebugVars {
  cluster_id?: string;
  server_id?: string;
  host?: string;
  num_tasks?: number;
  num_enabled_tasks?: number;
  num_subscriptions?: number;
  platform?: string;
  version?: string;
  kapacitor?: Record<string, Statistic>;
}

function printGeneral(io: CliIO, vars: DebugVars): void {
  const line = (label: string, value: unknown) => io.out(`${padRight(label, 30)}${padRight(String(value ?? ''), 30)}\n`);
  const count = (value: number | undefined) => String(Math.trunc(value ?? 0));
  line('ClusterID:', vars.cluster_id);
  line('ServerID:', vars.server_id);
  line('Host:', vars.host);
  line('Tasks:', count(vars.num_tasks));
  line('Enabled Tasks:', count(vars.num_enabled_tasks));
  line('Subscriptions:', count(vars.num_subscriptions));
  line('Platform:', vars.platform);
  line('Version:', vars.version);
}

interface IngressRow {
  database: string;
  retentionPolicy: string;
  measurement: string;
  points: number;
}

function compareIngress(a: IngressRow, b: IngressRow): number {
  for (const key of ['database', 'retentionPolicy', 'measurement'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}

function printIngress(io: CliIO, vars: DebugVars): void {
  const rows: IngressRow[] = [];
  for (const stat of Object.values(vars.kapacitor ?? {})) {
    if (stat?.name !== 'ingress' || stat.tags?.task_master !== 'main') continue;
    const points = stat.values?.points_received;
    rows.push({
      database: stat.tags.database ?? '',
      retentionPolicy: stat.tags.retention_policy ?? '',
      measurement: stat.tags.measurement ?? '',
      points: typeof points === 'number' ? Math.trunc(points) : 0,
    });
  }
  let dbWidth = 8;
  let rpWidth = 16;
  let measurementWidth = 11;
  for (const row of rows) {
    dbWidth = Math.max(dbWidth, byteLength(row.database));
    rpWidth = Math.max(rpWidth, byteLength(row.retentionPolicy));
    measurementWidth = Math.max(measurementWidth, byteLength(row.measurement));
  }
  const prefix = (db: string, rp: string, measurement: string) =>
    `${padRight(db, dbWidth + 1)}${padRight(rp, rpWidth + 1)}${padRight(measurement, measurementWidth + 1)}`;
  io.out(`${prefix('Database', 'Retention Policy', 'Measurement')}Points Received\n`);
  for (const row of rows.sort(compareIngress)) {
    io.out(`${prefix(row.database, row.retentionPolicy, row.measurement)}${padLeft(String(row.points), 15)}\n`);
  }
}

export const statsCommand: Command = {
  name: 'stats',
  usage(io: CliIO) {
    printUsage(io, STATS_USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length !== 1) {
      this.usage(io);
      throw new CommandError('must provide a stats category');
    }
    const category = args[0]!;
    if (category !== 'general' && category !== 'ingress') {
      throw new CommandError(`unknown stats category ${JSON.stringify(category)}, expected 'general' or 'ingress'`);
    }
    const vars = (await client.json<DebugVars>('GET', '/kapacitor/v1/debug/vars')) ?? {};
    if (category === 'general') printGeneral(io, vars);
    else printIngress(io, vars);
  },
};

export const varsCommand: Command = {
  name: 'vars',
  usage(io: CliIO) {
    printUsage(io, VARS_USAGE);
  },
  async run(_args: string[], { io, client }: CommandContext) {
    const response = await client.raw('GET', '/kapacitor/v1/debug/vars');
    for await (const chunk of response.body) io.out(chunk.toString('utf8'));
  },
};
