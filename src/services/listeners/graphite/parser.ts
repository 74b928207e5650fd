// One Graphite plaintext line ("path value [timestamp]") → a point, as InfluxDB 1.x's graphite
// service reads it: the matching template splits the path, the value is a float field ("value"
// unless the template names the field), the timestamp is Unix seconds (fractions allowed, -1 or
// none means now), and the configured tags fill in tags the template did not set.
// Throws GraphiteLineError for a line that cannot be read (nan marks a NaN value).

import type { Point } from '../../../models/point.js';
import { parseGoFloat } from '../../../gofmt/strconv.js';
import { applyTemplate, newTemplate, parseTagList, splitTemplateWords, TemplateMatcher } from './template.js';

export class GraphiteLineError extends Error {
  constructor(
    message: string,
    readonly nan = false,
  ) {
    super(message);
  }
}

export interface GraphiteParserOptions {
  templates: readonly string[];
  /** "key=value" tags added when a point lacks them. */
  tags: readonly string[];
  separator: string;
  database: string;
  retentionPolicy: string;
}

/** 1901-12-13 and 2038-01-19 (UTC) in seconds: InfluxDB's accepted timestamp range. */
const MIN_SECONDS = -2_147_558_400;
const MAX_SECONDS = 2_147_472_000;

export class GraphiteParser {
  private readonly matcher: TemplateMatcher;
  private readonly defaultTags: Record<string, string>;

  constructor(private readonly options: GraphiteParserOptions) {
    this.matcher = new TemplateMatcher(newTemplate('measurement*', {}, '.'));
    for (const text of options.templates) {
      const words = text
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '');
      if (words.length === 0) continue;
      const { filter, pattern } = splitTemplateWords(words);
      const last = words[words.length - 1]!;
      const tags = words.length > 1 && last.includes('=') ? parseTagList(last) : {};
      this.matcher.add(filter, newTemplate(pattern, tags, options.separator));
    }
    this.defaultTags = {};
    for (const tag of options.tags) Object.assign(this.defaultTags, parseTagList(tag));
  }

  /** The point of one line; nowNs stamps lines without a timestamp (or with -1). */
  parse(line: string, nowNs: bigint): Point {
    const words = line.trim().split(/\s+/);
    if (words.length !== 2 && words.length !== 3) throw new GraphiteLineError(`received ${JSON.stringify(line)} which doesn't have required fields`);
    const path = words[0]!;
    const applied = applyTemplate(this.matcher.match(path), path);
    const measurement = applied.measurement === '' ? path : applied.measurement;
    const value = readFloat(words[1]!);
    if (value === undefined) throw new GraphiteLineError(`field "${path}" value: strconv.ParseFloat: parsing ${JSON.stringify(words[1])}: invalid syntax`);
    if (Number.isNaN(value) || !Number.isFinite(value)) {
      throw new GraphiteLineError(`${path}: unsupported value ${value}`, Number.isNaN(value));
    }
    let time = nowNs;
    if (words.length === 3) {
      const seconds = readFloat(words[2]!);
      if (seconds === undefined) throw new GraphiteLineError(`field "${path}" time: strconv.ParseFloat: parsing ${JSON.stringify(words[2])}: invalid syntax`);
      if (seconds !== -1) {
        const whole = Math.trunc(seconds);
        if (whole < MIN_SECONDS || whole > MAX_SECONDS) throw new GraphiteLineError('timestamp out of range');
        time = BigInt(whole) * 1_000_000_000n + BigInt(Math.trunc((seconds - Math.floor(seconds)) * 1e9));
      }
    }
    const tags = applied.tags;
    for (const key in this.defaultTags) if (!(key in tags)) tags[key] = this.defaultTags[key]!;
    return {
      name: measurement,
      tags,
      fields: { [applied.field === '' ? 'value' : applied.field]: value },
      time,
      database: this.options.database,
      retentionPolicy: this.options.retentionPolicy,
    };
  }
}

function readFloat(text: string): number | undefined {
  try {
    return parseGoFloat(text);
  } catch {
    return undefined;
  }
}
