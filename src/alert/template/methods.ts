// Methods a template may call on Go values it sees: time.Time (Unix, Format, Year, ...) and
// time.Duration (Seconds, Minutes, ...). Go reference layouts for Format ("2006-01-02").

import { formatGoDuration } from '../../gofmt/duration.js';
import { TemplateError } from './errors.js';
import { GoDuration, GoTime, formatGoTime, timeParts } from './values.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const LAYOUT_TOKENS = [
  'January',
  'Monday',
  '2006',
  '-07:00:00',
  '-07:00',
  '-0700',
  'Z07:00',
  'Z0700',
  'MST',
  'Jan',
  'Mon',
  '002',
  '01',
  '02',
  '_2',
  '03',
  '04',
  '05',
  '06',
  '15',
  'PM',
  'pm',
  '-07',
  '1',
  '2',
  '3',
  '4',
  '5',
];

function pad(value: number, width: number, fill = '0'): string {
  return String(value).padStart(width, fill);
}

/** time.Time.Format for a UTC time. */
export function formatGoLayout(ns: bigint, layout: string): string {
  const p = timeParts(ns);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const fraction = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fraction !== null) {
      const digits = fraction[1]!.length;
      let text = pad(p.nano, 9).slice(0, digits);
      if (fraction[1]![0] === '9') {
        text = text.replace(/0+$/, '');
        out += text === '' ? '' : '.' + text;
      } else out += fraction[0][0] + text;
      i += fraction[0].length;
      continue;
    }
    const token = LAYOUT_TOKENS.find((candidate) => layout.startsWith(candidate, i));
    if (token === undefined) {
      out += layout[i];
      i++;
      continue;
    }
    i += token.length;
    switch (token) {
      case 'January':
        out += MONTHS[p.month - 1];
        break;
      case 'Jan':
        out += MONTHS[p.month - 1]!.slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[p.weekday];
        break;
      case 'Mon':
        out += DAYS[p.weekday]!.slice(0, 3);
        break;
      case '2006':
        out += pad(p.year, 4);
        break;
      case '06':
        out += pad(p.year % 100, 2);
        break;
      case '01':
        out += pad(p.month, 2);
        break;
      case '1':
        out += String(p.month);
        break;
      case '02':
        out += pad(p.day, 2);
        break;
      case '_2':
        out += pad(p.day, 2, ' ');
        break;
      case '2':
        out += String(p.day);
        break;
      case '002':
        out += pad(p.yearDay, 3);
        break;
      case '15':
        out += pad(p.hour, 2);
        break;
      case '03':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, 2);
        break;
      case '3':
        out += String(p.hour % 12 === 0 ? 12 : p.hour % 12);
        break;
      case '04':
        out += pad(p.minute, 2);
        break;
      case '4':
        out += String(p.minute);
        break;
      case '05':
        out += pad(p.second, 2);
        break;
      case '5':
        out += String(p.second);
        break;
      case 'PM':
        out += p.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += p.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += 'UTC';
        break;
      case 'Z07:00':
      case 'Z0700':
        out += 'Z';
        break;
      case '-07:00:00':
        out += '+00:00:00';
        break;
      case '-07:00':
        out += '+00:00';
        break;
      case '-0700':
        out += '+0000';
        break;
      case '-07':
        out += '+00';
        break;
    }
  }
  return out;
}

const NS_PER_S = 1_000_000_000n;

/** Calls a method on a Go value; undefined when the value has no such method. */
export function callMethod(target: unknown, name: string, args: unknown[]): { value: unknown } | undefined {
  if (target instanceof GoTime) {
    const p = timeParts(target.ns);
    switch (name) {
      case 'Unix':
        return { value: target.ns >= 0n ? target.ns / NS_PER_S : -((-target.ns + NS_PER_S - 1n) / NS_PER_S) };
      case 'UnixNano':
        return { value: target.ns };
      case 'UTC':
      case 'Local':
        return { value: target };
      case 'String':
        return { value: formatGoTime(target.ns) };
      case 'Year':
        return { value: BigInt(p.year) };
      case 'Month':
        return { value: MONTHS[p.month - 1] };
      case 'Day':
        return { value: BigInt(p.day) };
      case 'Hour':
        return { value: BigInt(p.hour) };
      case 'Minute':
        return { value: BigInt(p.minute) };
      case 'Second':
        return { value: BigInt(p.second) };
      case 'Nanosecond':
        return { value: BigInt(p.nano) };
      case 'Weekday':
        return { value: DAYS[p.weekday] };
      case 'YearDay':
        return { value: BigInt(p.yearDay) };
      case 'IsZero':
        return { value: target.ns === -62135596800000000000n };
      case 'Format':
        if (args.length !== 1 || typeof args[0] !== 'string') throw new TemplateError('wrong number of args for Format: want 1');
        return { value: formatGoLayout(target.ns, args[0]) };
    }
    return undefined;
  }
  if (target instanceof GoDuration) {
    const ns = target.ns;
    switch (name) {
      case 'String':
        return { value: formatGoDuration(ns) };
      case 'Nanoseconds':
        return { value: ns };
      case 'Microseconds':
        return { value: ns / 1000n };
      case 'Milliseconds':
        return { value: ns / 1_000_000n };
      case 'Seconds':
        return { value: Number(ns) / 1e9 };
      case 'Minutes':
        return { value: Number(ns) / 6e10 };
      case 'Hours':
        return { value: Number(ns) / 3.6e12 };
    }
  }
  return undefined;
}
