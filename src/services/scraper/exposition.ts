// The Prometheus text exposition format (version 0.0.4) → samples, as the scrape library
// Kapacitor embeds reads it: # TYPE decides how a family's lines are read; histogram buckets
// and summary quantiles keep their le / quantile label reformatted as Go prints the float
// ("1e-05", "+Inf"), a histogram without a +Inf bucket gets one holding its count, and
// families come out in order (a summary's quantiles, then _sum and _count).
// Throws ExpositionError naming the line for text it cannot read; pure function otherwise.

import { formatFloatV } from '../../gofmt/float.js';
import { parseGoFloat } from '../../gofmt/strconv.js';

export class ExpositionError extends Error {}

export interface Sample {
  /** Labels, __name__ included. */
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch, when the line gives one. */
  timestampMs?: number;
}

type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

interface Family {
  name: string;
  type: FamilyType;
  samples: Sample[];
  /** Histograms: label sets (without le) that have a +Inf bucket, and their _count samples. */
  infSeen: Set<string>;
  counts: Map<string, Sample>;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

export function parseExposition(text: string): Sample[] {
  const families = new Map<string, Family>();
  const order: Family[] = [];
  const family = (name: string, type: FamilyType = 'untyped'): Family => {
    let found = families.get(name);
    if (found === undefined) {
      found = { name, type, samples: [], infSeen: new Set(), counts: new Map() };
      families.set(name, found);
      order.push(found);
    }
    return found;
  };
  const lines = text.split('\n');
  for (let number = 1; number <= lines.length; number++) {
    const line = lines[number - 1]!.replace(/\r$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const words = line
        .slice(1)
        .trim()
        .split(/[ \t]+/);
      if (words[0] === 'TYPE' && words.length >= 3) {
        const type = words[2] as FamilyType;
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type)) throw lineError(number, `unknown metric type "${words[2]}"`);
        const existing = families.get(words[1]!);
        if (existing !== undefined && existing.samples.length > 0)
          throw lineError(number, `second TYPE line for metric name "${words[1]}", or TYPE reported after samples`);
        family(words[1]!, type).type = type;
      }
      continue;
    }
    const sample = parseSampleLine(line, number);
    const name = sample.labels.__name__!;
    const owner = ownerFamily(families, name);
    if (owner === undefined) {
      family(name).samples.push(sample);
      continue;
    }
    addToFamily(owner, name, sample, number);
  }
  const out: Sample[] = [];
  for (const f of order) {
    if (f.type === 'summary') {
      out.push(
        ...f.samples.filter((s) => s.labels.quantile !== undefined),
        ...f.samples.filter((s) => s.labels.__name__ === `${f.name}_sum`),
        ...f.samples.filter((s) => s.labels.__name__ === `${f.name}_count`),
      );
    } else if (f.type === 'histogram') {
      const buckets = f.samples.filter((s) => s.labels.__name__ === `${f.name}_bucket`);
      for (const [key, count] of f.counts) {
        if (f.infSeen.has(key)) continue;
        const labels: Record<string, string> = { ...count.labels, __name__: `${f.name}_bucket`, le: '+Inf' };
        buckets.push({ ...count, labels });
      }
      out.push(
        ...buckets,
        ...f.samples.filter((s) => s.labels.__name__ === `${f.name}_sum`),
        ...f.samples.filter((s) => s.labels.__name__ === `${f.name}_count`),
      );
    } else {
      out.push(...f.samples);
    }
  }
  return out;
}

/** The summary or histogram family a suffixed sample belongs to, if its TYPE was given. */
function ownerFamily(families: Map<string, Family>, name: string): Family | undefined {
  const direct = families.get(name);
  if (direct !== undefined && direct.type !== 'summary' && direct.type !== 'histogram') return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const base = families.get(name.slice(0, -suffix.length));
    if (base !== undefined && (base.type === 'histogram' || (base.type === 'summary' && suffix !== '_bucket'))) return base;
  }
  return direct;
}

function addToFamily(f: Family, name: string, sample: Sample, number: number): void {
  if (f.type === 'summary' && name === f.name) {
    const quantile = sample.labels.quantile;
    if (quantile === undefined) throw lineError(number, `expected label quantile for summary "${f.name}"`);
    sample.labels.quantile = reformat(quantile, number, 'quantile');
  }
  if (f.type === 'histogram') {
    if (name === f.name) throw lineError(number, `histogram "${f.name}" sample without a _bucket, _sum or _count suffix`);
    if (name === `${f.name}_bucket`) {
      const le = sample.labels.le;
      if (le === undefined) throw lineError(number, `expected label le for histogram "${f.name}"`);
      sample.labels.le = reformat(le, number, 'le');
      if (sample.labels.le === '+Inf') f.infSeen.add(seriesKey(sample.labels));
    } else if (name === `${f.name}_count`) {
      f.counts.set(seriesKey(sample.labels), sample);
    }
  }
  f.samples.push(sample);
}

/** The labels of a histogram series without __name__ and le, as a key. */
function seriesKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .filter((k) => k !== '__name__' && k !== 'le')
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
}

function reformat(text: string, number: number, label: string): string {
  try {
    return formatFloatV(parseGoFloat(text));
  } catch {
    throw lineError(number, `expected float as value for '${label}' label, got "${text}"`);
  }
}

function parseSampleLine(line: string, number: number): Sample {
  const name = METRIC_NAME.exec(line)?.[0];
  if (name === undefined) throw lineError(number, `invalid metric name in "${line}"`);
  const labels: Record<string, string> = { __name__: name };
  let at = name.length;
  while (line[at] === ' ' || line[at] === '\t') at++;
  if (line[at] === '{') {
    at++;
    for (;;) {
      while (line[at] === ' ' || line[at] === '\t') at++;
      if (line[at] === '}') {
        at++;
        break;
      }
      const labelName = LABEL_NAME.exec(line.slice(at))?.[0];
      if (labelName === undefined) throw lineError(number, `invalid label name in "${line}"`);
      at += labelName.length;
      while (line[at] === ' ' || line[at] === '\t') at++;
      if (line[at] !== '=') throw lineError(number, `expected '=' after label name "${labelName}"`);
      at++;
      while (line[at] === ' ' || line[at] === '\t') at++;
      if (line[at] !== '"') throw lineError(number, `expected '"' to start the value of label "${labelName}"`);
      at++;
      let value = '';
      for (;;) {
        const char = line[at];
        if (char === undefined) throw lineError(number, `unterminated value of label "${labelName}"`);
        at++;
        if (char === '"') break;
        if (char === '\\') {
          const escaped = line[at++];
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw lineError(number, `invalid escape sequence '\\${escaped ?? ''}'`);
        } else {
          value += char;
        }
      }
      if (labelName === '__name__') throw lineError(number, 'label name "__name__" is reserved');
      if (labelName in labels) throw lineError(number, `duplicate label name "${labelName}"`);
      labels[labelName] = value;
      while (line[at] === ' ' || line[at] === '\t') at++;
      if (line[at] === ',') at++;
      else if (line[at] !== '}') throw lineError(number, `unexpected character after the value of label "${labelName}"`);
    }
  }
  const rest = line
    .slice(at)
    .trim()
    .split(/[ \t]+/);
  if (rest.length < 1 || rest[0] === '' || rest.length > 2) throw lineError(number, `expected a value (and an optional timestamp) in "${line}"`);
  let value: number;
  try {
    value = parseGoFloat(rest[0]!);
  } catch {
    throw lineError(number, `expected float as value, got "${rest[0]}"`);
  }
  const sample: Sample = { labels, value };
  if (rest.length === 2) {
    if (!/^-?\d+$/.test(rest[1]!)) throw lineError(number, `expected integer as timestamp, got "${rest[1]}"`);
    sample.timestampMs = Number(rest[1]);
  }
  return sample;
}

function lineError(number: number, message: string): ExpositionError {
  return new ExpositionError(`text format parsing error in line ${number}: ${message}`);
}
