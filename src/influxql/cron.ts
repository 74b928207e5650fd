// Cron schedules for batch queries (`.cron('...')`), with the syntax of the cron library
// Kapacitor uses: 5 fields (minute hour day-of-month month day-of-week), 6 (plus year) or 7
// (seconds first); `*`, `?`, lists, ranges, steps, month and weekday names, @hourly-style
// aliases. Times are evaluated in local time, as Kapacitor does.

import type { TimeNs } from '../models/point.js';

const ALIASES: Record<string, string> = {
  '@yearly': '0 0 0 1 1 * *',
  '@annually': '0 0 0 1 1 * *',
  '@monthly': '0 0 0 1 * * *',
  '@weekly': '0 0 0 * * 0 *',
  '@daily': '0 0 0 * * * *',
  '@hourly': '0 0 * * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}

const FIELDS: Field[] = [
  { min: 0, max: 59 }, // seconds
  { min: 0, max: 59 }, // minutes
  { min: 0, max: 23 }, // hours
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 7, names: DAYS, nameBase: 0 }, // 7 = Sunday too
  { min: 1970, max: 2099 },
];

export class CronSchedule {
  private constructor(
    private readonly sets: Array<Set<number>>,
    private readonly domStar: boolean,
    private readonly dowStar: boolean,
  ) {}

  static parse(expression: string): CronSchedule {
    const text = ALIASES[expression.trim().toLowerCase()] ?? expression.trim();
    let fields = text.split(/\s+/).filter((f) => f !== '');
    if (fields.length === 5) fields = ['0', ...fields, '*'];
    else if (fields.length === 6) fields = ['0', ...fields];
    else if (fields.length !== 7) throw new Error(`syntax error in cron expression ${JSON.stringify(expression)}`);
    const sets = fields.map((field, i) => parseField(field, FIELDS[i]!, expression));
    const dow = sets[5]!;
    if (dow.has(7)) dow.add(0);
    return new CronSchedule(sets, isStar(fields[3]!), isStar(fields[5]!));
  }

  /** The first matching time strictly after `after` (whole seconds), or 0n when none. */
  next(after: TimeNs): TimeNs {
    const startMs = Math.floor(Number(after / 1_000_000n) / 1000) * 1000 + 1000;
    const date = new Date(startMs);
    const [seconds, minutes, hours, , months, , years] = this.sets as [
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
    ];
    for (let guard = 0; guard < 500_000; guard++) {
      if (date.getFullYear() > 2099) return 0n;
      if (!years.has(date.getFullYear())) {
        date.setFullYear(date.getFullYear() + 1, 0, 1);
        date.setHours(0, 0, 0, 0);
        continue;
      }
      if (!months.has(date.getMonth() + 1)) {
        date.setMonth(date.getMonth() + 1, 1);
        date.setHours(0, 0, 0, 0);
        continue;
      }
      if (!this.dayMatches(date)) {
        date.setDate(date.getDate() + 1);
        date.setHours(0, 0, 0, 0);
        continue;
      }
      if (!hours.has(date.getHours())) {
        date.setHours(date.getHours() + 1, 0, 0, 0);
        continue;
      }
      if (!minutes.has(date.getMinutes())) {
        date.setMinutes(date.getMinutes() + 1, 0, 0);
        continue;
      }
      if (!seconds.has(date.getSeconds())) {
        date.setSeconds(date.getSeconds() + 1, 0);
        continue;
      }
      return BigInt(date.getTime()) * 1_000_000n;
    }
    return 0n;
  }

  private dayMatches(date: Date): boolean {
    const dom = this.sets[3]!.has(date.getDate());
    const dow = this.sets[5]!.has(date.getDay());
    if (this.domStar) return dow;
    if (this.dowStar) return dom;
    return dom || dow;
  }
}

function isStar(field: string): boolean {
  return field === '*' || field === '?';
}

function parseField(field: string, spec: Field, expression: string): Set<number> {
  const values = new Set<number>();
  const bad = () => new Error(`syntax error in cron expression ${JSON.stringify(expression)}`);
  for (const part of field.split(',')) {
    const [rangeText, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw bad();
    let low: number;
    let high: number;
    if (rangeText === '*' || rangeText === '?') {
      low = spec.min;
      high = spec.names === DAYS ? 6 : spec.max;
    } else if (rangeText.includes('-')) {
      const [a, b] = rangeText.split('-') as [string, string];
      low = value(a, spec, bad);
      high = value(b, spec, bad);
    } else {
      low = value(rangeText, spec, bad);
      high = stepText === undefined ? low : spec.names === DAYS ? 6 : spec.max;
    }
    if (low < spec.min || high > spec.max || low > high) throw bad();
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function value(text: string, spec: Field, bad: () => Error): number {
  if (spec.names !== undefined) {
    const index = spec.names.indexOf(text.slice(0, 3).toUpperCase());
    if (index >= 0 && /^[a-z]/i.test(text)) return index + (spec.nameBase ?? 0);
  }
  if (!/^\d+$/.test(text)) throw bad();
  return Number(text);
}
