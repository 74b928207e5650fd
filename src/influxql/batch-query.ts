// A batch task's `query` node (and the schedule of a `queryFlux` node) as data: its InfluxQL rewritten the way Kapacitor rewrites it
// (time bounds added to WHERE, GROUP BY replaced by the node's groupBy with time(), fill),
// its schedule (every + align, or cron; period; offset) and the query windows of a time range
// (for recordings and replays). No I/O here.

import type { PipelineNode, PropertyValue } from '../pipeline/types.js';
import type { TimeNs } from '../models/point.js';
import { formatInfluxqlDuration } from '../gofmt/influxql-duration.js';
import { formatRFC3339Nano } from '../models/time.js';
import { CronSchedule } from './cron.js';
import { splitSelect, type SelectClauses } from './influxql-select.js';

export type QueryDimension = { kind: 'tag'; name: string } | { kind: 'star' } | { kind: 'time'; length: bigint; offset: bigint };

export interface QuerySpec {
  query: string;
  period: bigint;
  every: bigint;
  cron: string;
  offset: bigint;
  align: boolean;
  alignGroup: boolean;
  dimensions: QueryDimension[];
  groupByMeasurement: boolean;
  /** 'null' | 'none' | 'previous' | 'linear' | a number; undefined keeps the query's own. */
  fill?: string | number | bigint;
  cluster: string;
  /** 'flux' for a queryFlux node: the text is Flux, run as it is (no InfluxQL rewriting). */
  language?: 'influxql' | 'flux';
}

export interface QueryWindow {
  start: TimeNs;
  stop: TimeNs;
}

/** Reads a pipeline `query` node's arguments and properties. */
export function querySpecFromNode(node: PipelineNode): QuerySpec {
  const spec: QuerySpec = {
    query: String(node.args[0] ?? ''),
    period: 0n,
    every: 0n,
    cron: '',
    offset: 0n,
    align: false,
    alignGroup: false,
    dimensions: [],
    groupByMeasurement: false,
    cluster: '',
    language: node.kind === 'queryFlux' ? 'flux' : 'influxql',
  };
  for (const call of node.properties) {
    const arg = call.args[0];
    switch (call.name) {
      case 'period':
        spec.period = durationNs(arg);
        break;
      case 'every':
        spec.every = durationNs(arg);
        break;
      case 'offset':
        spec.offset = durationNs(arg);
        break;
      case 'cron':
        spec.cron = String(arg ?? '');
        break;
      case 'align':
        spec.align = true;
        break;
      case 'alignGroup':
        spec.alignGroup = true;
        break;
      case 'groupByMeasurement':
        spec.groupByMeasurement = true;
        break;
      case 'cluster':
        spec.cluster = String(arg ?? '');
        break;
      case 'fill':
        if (typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'bigint') spec.fill = arg;
        break;
      case 'groupBy':
        spec.dimensions = call.args.map(dimension);
        break;
      default:
        break;
    }
  }
  return spec;
}

function durationNs(value: PropertyValue | undefined): bigint {
  if (value !== undefined && typeof value === 'object' && !Array.isArray(value) && value.kind === 'duration') return value.ns;
  if (typeof value === 'bigint') return value;
  return 0n;
}

function dimension(value: PropertyValue): QueryDimension {
  if (typeof value === 'string') return { kind: 'tag', name: value };
  if (typeof value === 'object' && !Array.isArray(value)) {
    if (value.kind === 'star') return { kind: 'star' };
    if (value.kind === 'time') return { kind: 'time', length: value.length.ns, offset: value.offset?.ns ?? 0n };
    if (value.kind === 'duration') return { kind: 'time', length: value.ns, offset: 0n };
  }
  throw new Error(`invalid dimension type:${typeof value}, must be string or time.Duration`);
}

/** Validates a spec as Kapacitor does when it builds the node; returns the error message or ''. */
export function validateQuerySpec(spec: QuerySpec): string {
  if (spec.every !== 0n && spec.cron !== '') return "must not set both 'every' and 'cron' properties";
  if (spec.every < 0n) return "'every' duration must must non-negative";
  if (spec.every === 0n && spec.cron === '') return "must define one of 'every' or 'cron'";
  if (spec.dimensions.filter((d) => d.kind === 'time').length > 1) return 'groupBy cannot have more than one time dimension';
  if (typeof spec.fill === 'string' && !['null', 'none', 'previous', 'linear'].includes(spec.fill)) return `unexpected fill option ${spec.fill}`;
  if (spec.cron !== '') {
    try {
      CronSchedule.parse(spec.cron);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (spec.language === 'flux') return '';
  try {
    splitSelect(spec.query);
  } catch (error) {
    return `failed to parse InfluxQL query: ${(error as Error).message}`;
  }
  return '';
}

export class BatchQuery {
  private readonly clauses: SelectClauses | undefined;
  private readonly cron: CronSchedule | undefined;

  constructor(readonly spec: QuerySpec) {
    const problem = validateQuerySpec(spec);
    if (problem !== '') throw new Error(problem);
    this.clauses = spec.language === 'flux' ? undefined : splitSelect(spec.query);
    this.cron = spec.cron !== '' ? CronSchedule.parse(spec.cron) : undefined;
  }

  get groupedByTime(): boolean {
    return this.spec.dimensions.some((d) => d.kind === 'time');
  }

  /** The InfluxQL run for the window [start, stop). */
  text(start: TimeNs, stop: TimeNs): string {
    if (this.clauses === undefined) return this.spec.query;
    const { head, where, tail } = this.clauses;
    const bounds = `time >= '${formatRFC3339Nano(start)}' AND time < '${formatRFC3339Nano(stop)}'`;
    let query = `${head} WHERE ${where !== '' ? `(${where}) AND ` : ''}${bounds}`;
    const dims = this.spec.dimensions.map((d) => {
      if (d.kind === 'tag') return quoteDimension(d.name);
      if (d.kind === 'star') return '*';
      let offset = d.offset;
      if (this.spec.alignGroup) offset = ((start % d.length) + d.length) % d.length;
      return `time(${formatInfluxqlDuration(d.length)}, ${formatInfluxqlDuration(offset)})`;
    });
    if (dims.length > 0) query += ` GROUP BY ${dims.join(', ')}`;
    const fill = this.spec.fill !== undefined ? String(this.spec.fill) : this.clauses.fill;
    if (fill !== '' && fill !== 'null') query += ` fill(${fill})`;
    if (tail !== '') query += ` ${tail}`;
    return query;
  }

  /** The next tick strictly after `now` (epoch ns). */
  next(now: TimeNs): TimeNs {
    if (this.cron !== undefined) return this.cron.next(now);
    const next = now + this.spec.every;
    return this.spec.align ? roundTo(next, this.spec.every) : next;
  }

  /** The first live tick after a task starts at `now`: aligned ticks wait for the next multiple of every. */
  firstTick(now: TimeNs): TimeNs {
    if (this.cron === undefined && this.spec.align && this.spec.every > 0n) {
      const remainder = ((now % this.spec.every) + this.spec.every) % this.spec.every;
      return now - remainder + this.spec.every;
    }
    return this.next(now);
  }

  /** The window a tick at `tick` queries: [tick - offset - period, tick - offset). */
  windowAt(tick: TimeNs): QueryWindow {
    const stop = tick - this.spec.offset;
    return { start: stop - this.spec.period, stop };
  }

  /** Every window the schedule queries between start and stop (Kapacitor's Queries(start, stop)). */
  windows(start: TimeNs, stop: TimeNs, now: TimeNs): QueryWindow[] {
    const windows: QueryWindow[] = [];
    let current = start;
    for (;;) {
      current = this.next(current);
      if (current > stop) break;
      const window = this.windowAt(current);
      if (window.stop > now) break;
      windows.push(window);
    }
    return windows;
  }
}

/** Go's time.Round: to the nearest multiple, halves away from zero. */
function roundTo(time: TimeNs, unit: bigint): TimeNs {
  if (unit <= 0n) return time;
  const remainder = ((time % unit) + unit) % unit;
  const down = time - remainder;
  return remainder * 2n >= unit ? down + unit : down;
}

function quoteDimension(name: string): string {
  return '"' + name.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}
