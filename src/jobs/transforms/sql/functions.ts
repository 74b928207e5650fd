// SeaTunnel's SQL transform functions (string, numeric, date/time, system), by upper-case
// name: each with its result type (from the argument types) and its evaluation. Arguments
// arrive evaluated; null in gives null out unless the function says otherwise (COALESCE).

import { randomUUID } from 'node:crypto';
import { formatDate, formatTime, type DataType } from '../../row-type.js';
import { toNumber, toText, toTimestamp } from './values.js';

export interface SqlFunction {
  type(args: DataType[]): DataType;
  call: (args: unknown[]) => unknown;
  /** Called even when an argument is null. */
  nullSafe?: boolean;
}

const STRING: DataType = { kind: 'string' };
const INT: DataType = { kind: 'int' };
const BIGINT: DataType = { kind: 'bigint' };
const DOUBLE: DataType = { kind: 'double' };
const BOOLEAN: DataType = { kind: 'boolean' };
const TIMESTAMP: DataType = { kind: 'timestamp' };
const DATE: DataType = { kind: 'date' };
const TIME: DataType = { kind: 'time' };

const str = (v: unknown) => toText(v)!;
const num = (v: unknown) => toNumber(v) ?? NaN;
const ts = (v: unknown) => toTimestamp(v);

function fn(type: DataType | ((args: DataType[]) => DataType), call: (args: unknown[]) => unknown, nullSafe = false): SqlFunction {
  return { type: typeof type === 'function' ? type : () => type, call, nullSafe };
}

function math(f: (x: number) => number): SqlFunction {
  return fn(DOUBLE, (a) => f(num(a[0])));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Formats a date with a Java DateTimeFormatter pattern subset (yyyy MM dd HH mm ss SSS ...). */
export function formatPattern(date: Date, pattern: string): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return pattern.replace(/yyyy|yy|MMMM|MMM|MM|M|dd|d|HH|H|hh|mm|m|ss|s|SSS|EEEE|EEE|a|'[^']*'/g, (token) => {
    switch (token) {
      case 'yyyy':
        return pad(date.getUTCFullYear(), 4);
      case 'yy':
        return pad(date.getUTCFullYear() % 100, 2);
      case 'MMMM':
        return MONTHS[date.getUTCMonth()]!;
      case 'MMM':
        return MONTHS[date.getUTCMonth()]!.slice(0, 3);
      case 'MM':
        return pad(date.getUTCMonth() + 1, 2);
      case 'M':
        return String(date.getUTCMonth() + 1);
      case 'dd':
        return pad(date.getUTCDate(), 2);
      case 'd':
        return String(date.getUTCDate());
      case 'HH':
        return pad(date.getUTCHours(), 2);
      case 'H':
        return String(date.getUTCHours());
      case 'hh':
        return pad(((date.getUTCHours() + 11) % 12) + 1, 2);
      case 'mm':
        return pad(date.getUTCMinutes(), 2);
      case 'm':
        return String(date.getUTCMinutes());
      case 'ss':
        return pad(date.getUTCSeconds(), 2);
      case 's':
        return String(date.getUTCSeconds());
      case 'SSS':
        return pad(date.getUTCMilliseconds(), 3);
      case 'EEEE':
        return DAYS[date.getUTCDay()]!;
      case 'EEE':
        return DAYS[date.getUTCDay()]!.slice(0, 3);
      case 'a':
        return date.getUTCHours() < 12 ? 'AM' : 'PM';
      default:
        return token.slice(1, -1);
    }
  });
}

/** Parses text with a Java pattern subset; undefined when it does not match. */
export function parsePattern(text: string, pattern: string): Date | undefined {
  const parts: string[] = [];
  const source = pattern.replace(/yyyy|MM|dd|HH|mm|ss|SSS|[.*+?^${}()|[\]\\]/g, (token) => {
    if (/^[A-Za-z]+$/.test(token)) {
      parts.push(token);
      return token === 'yyyy' ? '(\\d{4})' : token === 'SSS' ? '(\\d{1,3})' : '(\\d{1,2})';
    }
    return `\\${token}`;
  });
  const match = new RegExp(`^${source}$`).exec(text.trim());
  if (!match) return undefined;
  const value: Record<string, number> = { yyyy: 1970, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0, SSS: 0 };
  parts.forEach((part, i) => {
    value[part] = Number(match[i + 1]);
  });
  return new Date(Date.UTC(value.yyyy!, value.MM! - 1, value.dd, value.HH, value.mm, value.ss, value.SSS));
}

const UNIT_MS: Record<string, number> = {
  MILLISECOND: 1,
  MILLISECONDS: 1,
  SECOND: 1000,
  SECONDS: 1000,
  MINUTE: 60_000,
  MINUTES: 60_000,
  HOUR: 3_600_000,
  HOURS: 3_600_000,
  DAY: 86_400_000,
  DAYS: 86_400_000,
  WEEK: 604_800_000,
  WEEKS: 604_800_000,
};

function addUnit(date: Date, unit: string, amount: number): Date {
  const u = unit.toUpperCase();
  if (u === 'MONTH' || u === 'MONTHS' || u === 'QUARTER' || u === 'YEAR' || u === 'YEARS') {
    const months = amount * (u.startsWith('MONTH') ? 1 : u === 'QUARTER' ? 3 : 12);
    const copy = new Date(date.getTime());
    copy.setUTCMonth(copy.getUTCMonth() + months);
    return copy;
  }
  return new Date(date.getTime() + amount * (UNIT_MS[u] ?? 86_400_000));
}

function dateDiff(unit: string, a: Date, b: Date): number {
  const u = unit.toUpperCase();
  if (u === 'YEAR' || u === 'YEARS') return b.getUTCFullYear() - a.getUTCFullYear();
  if (u === 'MONTH' || u === 'MONTHS') return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  return Math.trunc((b.getTime() - a.getTime()) / (UNIT_MS[u] ?? 86_400_000));
}

function truncate(date: Date, unit: string): Date {
  const d = date;
  switch (unit.toUpperCase()) {
    case 'YEAR':
      return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
    case 'MONTH':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    case 'DAY':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    case 'HOUR':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()));
    case 'MINUTE':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()));
    default:
      return new Date(Math.floor(d.getTime() / 1000) * 1000);
  }
}

export function extractField(field: string, date: Date): number {
  switch (field.toUpperCase()) {
    case 'YEAR':
      return date.getUTCFullYear();
    case 'QUARTER':
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'MONTH':
      return date.getUTCMonth() + 1;
    case 'WEEK': {
      const start = Date.UTC(date.getUTCFullYear(), 0, 1);
      return Math.floor((date.getTime() - start) / 604_800_000) + 1;
    }
    case 'DAY':
    case 'DAY_OF_MONTH':
      return date.getUTCDate();
    case 'DOW':
    case 'DAY_OF_WEEK':
      return date.getUTCDay() + 1;
    case 'DOY':
    case 'DAY_OF_YEAR':
      return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'HOUR':
      return date.getUTCHours();
    case 'MINUTE':
      return date.getUTCMinutes();
    case 'SECOND':
      return date.getUTCSeconds();
    case 'MILLISECOND':
      return date.getUTCMilliseconds();
    case 'EPOCH':
      return Math.floor(date.getTime() / 1000);
    default:
      return NaN;
  }
}

function datePart(field: string): SqlFunction {
  return fn(INT, (a) => {
    const date = ts(a[0]);
    return date === null ? null : extractField(field, date);
  });
}

function pad(left: boolean): SqlFunction {
  return fn(STRING, (a) => {
    const text = str(a[0]);
    const length = num(a[1]);
    const fill = a.length > 2 ? str(a[2]) : ' ';
    if (text.length >= length) return text.slice(0, length);
    if (fill === '') return text;
    const padding = fill.repeat(Math.ceil((length - text.length) / fill.length)).slice(0, length - text.length);
    return left ? padding + text : text + padding;
  });
}

function regexp(pattern: unknown, flags = ''): RegExp {
  return new RegExp(str(pattern), flags);
}

export const SQL_FUNCTIONS: Record<string, SqlFunction> = {
  // string
  ASCII: fn(INT, (a) => str(a[0]).charCodeAt(0)),
  BIT_LENGTH: fn(BIGINT, (a) => Buffer.byteLength(str(a[0])) * 8),
  CHAR_LENGTH: fn(BIGINT, (a) => str(a[0]).length),
  LENGTH: fn(BIGINT, (a) => str(a[0]).length),
  OCTET_LENGTH: fn(BIGINT, (a) => Buffer.byteLength(str(a[0]))),
  CHAR: fn(STRING, (a) => String.fromCharCode(num(a[0]))),
  CHR: fn(STRING, (a) => String.fromCharCode(num(a[0]))),
  CONCAT: fn(STRING, (a) => a.map((v) => (v === null || v === undefined ? '' : str(v))).join(''), true),
  CONCAT_WS: fn(
    STRING,
    (a) =>
      a
        .slice(1)
        .filter((v) => v !== null && v !== undefined)
        .map(str)
        .join(str(a[0])),
    true,
  ),
  HEXTORAW: fn(STRING, (a) => Buffer.from(str(a[0]), 'hex').toString('utf16le')),
  RAWTOHEX: fn(STRING, (a) => Buffer.from(str(a[0]), 'utf16le').swap16().toString('hex')),
  INSERT: fn(STRING, (a) => {
    const text = str(a[0]);
    const start = num(a[1]) - 1;
    return text.slice(0, start) + str(a[3]) + text.slice(start + num(a[2]));
  }),
  LOWER: fn(STRING, (a) => str(a[0]).toLowerCase()),
  LCASE: fn(STRING, (a) => str(a[0]).toLowerCase()),
  UPPER: fn(STRING, (a) => str(a[0]).toUpperCase()),
  UCASE: fn(STRING, (a) => str(a[0]).toUpperCase()),
  LEFT: fn(STRING, (a) => str(a[0]).slice(0, Math.max(0, num(a[1])))),
  RIGHT: fn(STRING, (a) => {
    const t = str(a[0]);
    const n = Math.max(0, num(a[1]));
    return n === 0 ? '' : t.slice(-n);
  }),
  LOCATE: fn(INT, (a) => str(a[1]).indexOf(str(a[0]), a.length > 2 ? num(a[2]) - 1 : 0) + 1),
  POSITION: fn(INT, (a) => str(a[1]).indexOf(str(a[0])) + 1),
  INSTR: fn(INT, (a) => str(a[0]).indexOf(str(a[1])) + 1),
  LPAD: pad(true),
  RPAD: pad(false),
  LTRIM: fn(STRING, (a) => (a.length > 1 ? str(a[0]).replace(new RegExp(`^[${str(a[1]).replace(/[\]\\^-]/g, '\\$&')}]+`), '') : str(a[0]).trimStart())),
  RTRIM: fn(STRING, (a) => (a.length > 1 ? str(a[0]).replace(new RegExp(`[${str(a[1]).replace(/[\]\\^-]/g, '\\$&')}]+$`), '') : str(a[0]).trimEnd())),
  TRIM: fn(STRING, (a) => str(a[0]).trim()),
  BTRIM: fn(STRING, (a) => str(a[0]).trim()),
  REGEXP_REPLACE: fn(STRING, (a) =>
    str(a[0]).replace(regexp(a[1], 'g' + (a.length > 3 && str(a[3]).includes('i') ? 'i' : '')), str(a[2]).replace(/\$(\d)/g, '$$$1')),
  ),
  REGEXP_LIKE: fn(BOOLEAN, (a) => regexp(`^(?:${str(a[1])})$`, a.length > 2 && str(a[2]).includes('i') ? 'i' : '').test(str(a[0]))),
  REGEXP_SUBSTR: fn(STRING, (a) => {
    const match = regexp(a[1]).exec(str(a[0]));
    return match === null ? null : (match[a.length > 4 ? num(a[4]) : 0] ?? null);
  }),
  REPEAT: fn(STRING, (a) => str(a[0]).repeat(Math.max(0, num(a[1])))),
  REPLACE: fn(STRING, (a) =>
    str(a[0])
      .split(str(a[1]))
      .join(a.length > 2 && a[2] !== null ? str(a[2]) : ''),
  ),
  SPACE: fn(STRING, (a) => ' '.repeat(Math.max(0, num(a[0])))),
  SUBSTRING: fn(STRING, (a) => {
    const text = str(a[0]);
    let start = num(a[1]);
    start = start > 0 ? start - 1 : start < 0 ? text.length + start : 0;
    return a.length > 2 ? text.substr(start, Math.max(0, num(a[2]))) : text.slice(start);
  }),
  TO_CHAR: fn(STRING, (a) => {
    if (a.length > 1 && (a[0] instanceof Date || (toTimestamp(a[0]) !== null && typeof a[0] === 'string' && /\d{4}-/.test(a[0]))))
      return formatPattern(ts(a[0])!, str(a[1]));
    return str(a[0]);
  }),
  TRANSLATE: fn(STRING, (a) => {
    const from = str(a[1]);
    const to = str(a[2]);
    return [...str(a[0])]
      .map((c) => {
        const i = from.indexOf(c);
        return i < 0 ? c : (to[i] ?? '');
      })
      .join('');
  }),
  SPLIT: fn({ kind: 'array', element: STRING }, (a) => str(a[0]).split(str(a[1]))),
  // numeric
  ABS: fn(
    (t) => t[0] ?? DOUBLE,
    (a) => Math.abs(num(a[0])),
  ),
  ACOS: math(Math.acos),
  ASIN: math(Math.asin),
  ATAN: math(Math.atan),
  COS: math(Math.cos),
  COSH: math(Math.cosh),
  COT: math((x) => 1 / Math.tan(x)),
  SIN: math(Math.sin),
  SINH: math(Math.sinh),
  TAN: math(Math.tan),
  TANH: math(Math.tanh),
  ATAN2: fn(DOUBLE, (a) => Math.atan2(num(a[0]), num(a[1]))),
  MOD: fn(
    (t) => t[0] ?? INT,
    (a) => num(a[0]) % num(a[1]),
  ),
  CEIL: fn(BIGINT, (a) => Math.ceil(num(a[0]))),
  CEILING: fn(BIGINT, (a) => Math.ceil(num(a[0]))),
  EXP: math(Math.exp),
  FLOOR: fn(BIGINT, (a) => Math.floor(num(a[0]))),
  LN: math(Math.log),
  LOG: fn(DOUBLE, (a) => (a.length > 1 ? Math.log(num(a[1])) / Math.log(num(a[0])) : Math.log(num(a[0])))),
  LOG10: math(Math.log10),
  RADIANS: math((x) => (x * Math.PI) / 180),
  DEGREES: math((x) => (x * 180) / Math.PI),
  SQRT: math(Math.sqrt),
  PI: fn(DOUBLE, () => Math.PI, true),
  POWER: fn(DOUBLE, (a) => num(a[0]) ** num(a[1])),
  RAND: fn(DOUBLE, () => Math.random(), true),
  RANDOM: fn(DOUBLE, () => Math.random(), true),
  ROUND: fn(
    (t) => t[0] ?? DOUBLE,
    (a) => {
      const digits = a.length > 1 ? num(a[1]) : 0;
      const factor = 10 ** digits;
      return Math.round(num(a[0]) * factor) / factor;
    },
  ),
  SIGN: fn(INT, (a) => Math.sign(num(a[0]))),
  TRUNC: fn(
    (t) => t[0] ?? DOUBLE,
    (a) => {
      const factor = 10 ** (a.length > 1 ? num(a[1]) : 0);
      return Math.trunc(num(a[0]) * factor) / factor;
    },
  ),
  TRUNCATE: fn(
    (t) => t[0] ?? DOUBLE,
    (a) => {
      const factor = 10 ** (a.length > 1 ? num(a[1]) : 0);
      return Math.trunc(num(a[0]) * factor) / factor;
    },
  ),
  // date and time
  CURRENT_DATE: fn(DATE, () => formatDate(new Date()), true),
  CURRENT_TIME: fn(TIME, () => formatTime(new Date()), true),
  CURRENT_TIMESTAMP: fn(TIMESTAMP, () => new Date(), true),
  NOW: fn(TIMESTAMP, () => new Date(), true),
  LOCALTIMESTAMP: fn(TIMESTAMP, () => new Date(), true),
  DATEADD: fn(
    (t) => t[2] ?? TIMESTAMP,
    (a) => {
      const d = ts(a[2]);
      return d === null ? null : addUnit(d, str(a[0]), num(a[1]));
    },
  ),
  TIMESTAMPADD: fn(
    (t) => t[2] ?? TIMESTAMP,
    (a) => {
      const d = ts(a[2]);
      return d === null ? null : addUnit(d, str(a[0]), num(a[1]));
    },
  ),
  DATEDIFF: fn(BIGINT, (a) => {
    const x = ts(a[1]);
    const y = ts(a[2]);
    return x === null || y === null ? null : dateDiff(str(a[0]), x, y);
  }),
  DATE_TRUNC: fn(TIMESTAMP, (a) => {
    const d = ts(a[1]);
    return d === null ? null : truncate(d, str(a[0]));
  }),
  DAYNAME: fn(STRING, (a) => {
    const d = ts(a[0]);
    return d === null ? null : DAYS[d.getUTCDay()];
  }),
  MONTHNAME: fn(STRING, (a) => {
    const d = ts(a[0]);
    return d === null ? null : MONTHS[d.getUTCMonth()];
  }),
  DAY_OF_MONTH: datePart('DAY'),
  DAY_OF_WEEK: datePart('DOW'),
  DAY_OF_YEAR: datePart('DOY'),
  HOUR: datePart('HOUR'),
  MINUTE: datePart('MINUTE'),
  SECOND: datePart('SECOND'),
  MONTH: datePart('MONTH'),
  QUARTER: datePart('QUARTER'),
  WEEK: datePart('WEEK'),
  YEAR: datePart('YEAR'),
  FORMATDATETIME: fn(STRING, (a) => {
    const d = ts(a[0]);
    return d === null ? null : formatPattern(d, str(a[1]));
  }),
  DATE_FORMAT: fn(STRING, (a) => {
    const d = ts(a[0]);
    return d === null ? null : formatPattern(d, str(a[1]));
  }),
  PARSEDATETIME: fn(TIMESTAMP, (a) => parsePattern(str(a[0]), str(a[1])) ?? null),
  TO_DATE: fn(TIMESTAMP, (a) => parsePattern(str(a[0]), str(a[1])) ?? null),
  FROM_UNIXTIME: fn(STRING, (a) => {
    const date = new Date(num(a[0]) * 1000);
    return a.length > 1 ? formatPattern(date, str(a[1])) : formatPattern(date, 'yyyy-MM-dd HH:mm:ss');
  }),
  // system
  COALESCE: fn(
    (t) => t.find((x) => x.kind !== 'null') ?? STRING,
    (a) => a.find((v) => v !== null && v !== undefined) ?? null,
    true,
  ),
  IFNULL: fn(
    (t) => t[0] ?? STRING,
    (a) => (a[0] === null || a[0] === undefined ? (a[1] ?? null) : a[0]),
    true,
  ),
  NULLIF: fn(
    (t) => t[0] ?? STRING,
    (a) => (a[0] !== null && a[1] !== null && toText(a[0]) === toText(a[1]) ? null : (a[0] ?? null)),
    true,
  ),
  UUID: fn(STRING, () => randomUUID(), true),
};
SQL_FUNCTIONS.SUBSTR = SQL_FUNCTIONS.SUBSTRING!;
SQL_FUNCTIONS.DAY = SQL_FUNCTIONS.DAY_OF_MONTH!;
SQL_FUNCTIONS.DAYOFMONTH = SQL_FUNCTIONS.DAY_OF_MONTH!;
SQL_FUNCTIONS.DAYOFWEEK = SQL_FUNCTIONS.DAY_OF_WEEK!;
SQL_FUNCTIONS.DAYOFYEAR = SQL_FUNCTIONS.DAY_OF_YEAR!;
SQL_FUNCTIONS.POW = SQL_FUNCTIONS.POWER!;
