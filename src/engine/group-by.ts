// Grouping shared by from().groupBy() and the groupBy node: a dimension spec (tag names, `*`,
// excluded tags, by measurement) turned into a point's dimensions and group id. Results are
// cached per tags object: the line-protocol parser shares one frozen tags object per series.

import type { Tags } from '../models/point.js';
import type { PropertyValue } from '../pipeline/types.js';
import { groupIdOf, sortedTagNames, type Dimensions, type GroupId } from './messages.js';

export interface GroupSpec {
  readonly all: boolean;
  readonly tagNames: readonly string[];
  readonly exclude: readonly string[];
  readonly byName: boolean;
}

interface Cached {
  name: string;
  dimensions: Dimensions;
  group: GroupId;
}

/** Builds a group spec from groupBy arguments (strings and `*`). */
export function groupSpec(args: readonly PropertyValue[], exclude: readonly string[], byName: boolean): GroupSpec {
  let all = false;
  const tags: string[] = [];
  for (const arg of args.flat()) {
    if (typeof arg === 'string') {
      if (arg === '*') all = true;
      else tags.push(arg);
    } else if (typeof arg === 'object' && arg !== null && !Array.isArray(arg) && arg.kind === 'star') {
      all = true;
    }
  }
  return { all, tagNames: sortedTagNames(tags), exclude, byName };
}

/** Distinct tag-name sets remembered per grouper (beyond it, each series gets its own). */
const MAX_INTERNED = 10_000;

export class Grouper {
  private readonly cache = new WeakMap<object, Cached>();
  private readonly fixed: Dimensions | undefined;
  /** groupBy(*): one Dimensions per distinct tag-name set, shared by all its series. */
  private readonly interned = new Map<string, Dimensions>();

  constructor(readonly spec: GroupSpec) {
    this.fixed = spec.all ? undefined : { byName: spec.byName, tagNames: spec.tagNames };
  }

  /** True when nothing groups: every point has the nil group. */
  get none(): boolean {
    return !this.spec.all && this.spec.tagNames.length === 0 && !this.spec.byName;
  }

  dimensionsOf(name: string, tags: Readonly<Tags>): Cached {
    const cached = this.cache.get(tags);
    if (cached !== undefined && cached.name === name) return cached;
    const dimensions = this.fixed ?? this.allDimensions(tags);
    const entry: Cached = { name, dimensions, group: groupIdOf(name, tags, dimensions) };
    this.cache.set(tags, entry);
    return entry;
  }

  private allDimensions(tags: Readonly<Tags>): Dimensions {
    const exclude = this.spec.exclude;
    const names = sortedTagNames(Object.keys(tags).filter((t) => !exclude.includes(t)));
    const key = names.join('\n');
    let dimensions = this.interned.get(key);
    if (dimensions === undefined) {
      dimensions = Object.freeze({ byName: this.spec.byName, tagNames: Object.freeze(names) });
      if (this.interned.size < MAX_INTERNED) this.interned.set(key, dimensions);
    }
    return dimensions;
  }
}
