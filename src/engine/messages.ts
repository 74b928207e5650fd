// The messages that flow along a task's edges: a point, a (buffered) batch, a barrier and a
// delete-group. Every message carries its group (id + dimensions). Messages are shared by all
// children of a node: a node never mutates a message it received; it builds a new one.
//
// Adding a node: see node.ts. Group ids follow Kapacitor: "" for no grouping, otherwise
// ("<measurement>\n" when grouped by measurement) + "tag=value,tag=value" over sorted tag names.

import type { Fields, Tags, TimeNs } from '../models/point.js';

export type GroupId = string;

/** How a stream is grouped: by these tag names (sorted) and optionally by measurement. */
export interface Dimensions {
  readonly byName: boolean;
  readonly tagNames: readonly string[];
}

export const NO_DIMENSIONS: Dimensions = Object.freeze({ byName: false, tagNames: Object.freeze([]) });

export interface PointMessage {
  readonly type: 'point';
  readonly name: string;
  readonly database: string;
  readonly retentionPolicy: string;
  /** All tags of the point (shared, never mutated). */
  readonly tags: Readonly<Tags>;
  /** Never mutated once emitted; copy to change. */
  readonly fields: Fields;
  readonly time: TimeNs;
  readonly group: GroupId;
  readonly dimensions: Dimensions;
}

/** One row of a batch. */
export interface BatchPoint {
  readonly time: TimeNs;
  readonly fields: Fields;
  readonly tags: Readonly<Tags>;
}

/** A whole batch (Kapacitor's BufferedBatchMessage): begin, points and end in one message. */
export interface BatchMessage {
  readonly type: 'batch';
  readonly name: string;
  /** The group's tags (the dimension tags' values). */
  readonly tags: Readonly<Tags>;
  /** End time of the batch (window end, query stop). */
  readonly tmax: TimeNs;
  readonly points: readonly BatchPoint[];
  readonly group: GroupId;
  readonly dimensions: Dimensions;
}

/** Nothing older than `time` will arrive for the group any more. */
export interface BarrierMessage {
  readonly type: 'barrier';
  readonly time: TimeNs;
  readonly tags: Readonly<Tags>;
  readonly group: GroupId;
  readonly dimensions: Dimensions;
}

/** The group is gone: nodes drop its state and pass the message on. */
export interface DeleteGroupMessage {
  readonly type: 'deleteGroup';
  readonly tags: Readonly<Tags>;
  readonly group: GroupId;
  readonly dimensions: Dimensions;
}

export type Message = PointMessage | BatchMessage | BarrierMessage | DeleteGroupMessage;

/** Kapacitor's group id of a measurement + tags under some dimensions. */
export function groupIdOf(name: string, tags: Readonly<Tags>, dimensions: Dimensions): GroupId {
  const tagNames = dimensions.tagNames;
  if (tagNames.length === 0) return dimensions.byName ? name : '';
  // one join makes a flat string: `+=` would leave a tree of cons strings behind every id a group keeps
  const parts = new Array<string>(tagNames.length);
  for (let i = 0; i < tagNames.length; i++) {
    const tag = tagNames[i]!;
    parts[i] = `${tag}=${tags[tag] ?? ''}`;
  }
  const id = parts.join(',');
  return dimensions.byName ? `${name}\n${id}` : id;
}

/**
 * A group's tags: every dimension, '' where the point lacks it. The point's own (frozen, shared)
 * tag set when it holds exactly the dimensions in their order (groupBy(*), or a groupBy of
 * every tag): one object per series instead of a copy per group and node.
 */
export function groupTags(tags: Readonly<Tags>, dimensions: Dimensions): Readonly<Tags> {
  const tagNames = dimensions.tagNames;
  let k = 0;
  let same = Object.isFrozen(tags);
  if (same) {
    for (const key in tags) {
      if (k >= tagNames.length || tagNames[k] !== key) {
        same = false;
        break;
      }
      k++;
    }
  }
  if (same && k === tagNames.length) return tags;
  const out: Tags = {};
  for (let i = 0; i < tagNames.length; i++) out[tagNames[i]!] = tags[tagNames[i]!] ?? '';
  return out;
}

/** The dimension tags of a tag set (a new object). */
export function dimensionTags(tags: Readonly<Tags>, dimensions: Dimensions): Tags {
  const out: Tags = {};
  const tagNames = dimensions.tagNames;
  for (let i = 0; i < tagNames.length; i++) {
    const tag = tagNames[i]!;
    const value = tags[tag];
    if (value !== undefined) out[tag] = value;
  }
  return out;
}

export function pointMessage(
  name: string,
  database: string,
  retentionPolicy: string,
  tags: Readonly<Tags>,
  fields: Fields,
  time: TimeNs,
  group: GroupId,
  dimensions: Dimensions,
): PointMessage {
  return { type: 'point', name, database, retentionPolicy, tags, fields, time, group, dimensions };
}

/** A copy of a point message with some members replaced. */
export function withPoint(message: PointMessage, change: Partial<Omit<PointMessage, 'type'>>): PointMessage {
  return {
    type: 'point',
    name: change.name ?? message.name,
    database: change.database ?? message.database,
    retentionPolicy: change.retentionPolicy ?? message.retentionPolicy,
    tags: change.tags ?? message.tags,
    fields: change.fields ?? message.fields,
    time: change.time ?? message.time,
    group: change.group ?? message.group,
    dimensions: change.dimensions ?? message.dimensions,
  };
}

export function batchMessage(
  name: string,
  tags: Readonly<Tags>,
  tmax: TimeNs,
  points: readonly BatchPoint[],
  group: GroupId,
  dimensions: Dimensions,
): BatchMessage {
  return { type: 'batch', name, tags, tmax, points, group, dimensions };
}

export function withBatch(message: BatchMessage, change: Partial<Omit<BatchMessage, 'type'>>): BatchMessage {
  return {
    type: 'batch',
    name: change.name ?? message.name,
    tags: change.tags ?? message.tags,
    tmax: change.tmax ?? message.tmax,
    points: change.points ?? message.points,
    group: change.group ?? message.group,
    dimensions: change.dimensions ?? message.dimensions,
  };
}

/** Tag names sorted as Kapacitor sorts dimensions (byte order). */
export function sortedTagNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
