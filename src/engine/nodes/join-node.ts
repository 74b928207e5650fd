// join(nodes...): joins the messages of its parents that fall on the same time (rounded to
// .tolerance) within a group, into one point (or batch) whose fields are prefixed with the
// parent's .as name and .delimiter. .on(tags) joins a less specific parent (grouped by exactly
// those tags) with every more specific group sharing their values. Incomplete sets are emitted
// with .fill (null or a number: the missing parent's fields, named after the first point's, set to it)
// once every parent has moved past their time, or dropped without .fill.

import type { FieldValue, Fields, Tags } from '../../models/point.js';
import { allCalls, durationNs, lastCall, propertyValue, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import {
  dimensionTags,
  sortedTagNames,
  type BatchMessage,
  type BatchPoint,
  type Dimensions,
  type GroupId,
  type Message,
  type PointMessage,
} from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { roundTime } from '../time-ops.js';

type Data = PointMessage | BatchMessage;

interface JoinSet {
  time: bigint;
  values: Array<Data | undefined>;
  filled: number;
}

interface JoinGroup {
  group: GroupId;
  tags: Tags;
  dimensions: Dimensions;
  heads: Array<bigint | undefined>;
  sets: JoinSet[];
}

const RECENT_LIMIT = 256;

export class JoinNode extends EngineNode {
  private readonly prefixes: string[];
  private readonly on: readonly string[];
  private readonly delimiter: string;
  private readonly streamName: string;
  private readonly tolerance: bigint;
  /** 'none', 'null' or the number that missing fields are set to. */
  private readonly fill: FieldValue;
  private readonly parentCount: number;
  private readonly joinGroups = new Map<GroupId, JoinGroup>();
  /** Per on-key: the join groups under it, and recent less specific messages. */
  private readonly byKey = new Map<string, { groups: JoinGroup[]; recent: Array<{ edge: number; message: Data }> }>();
  private readonly parentDims: number[];

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.parentCount = spec.parents.length;
    this.prefixes = allCalls(spec, 'as').flatMap((c) => c.args.map(String));
    if (this.prefixes.length !== this.parentCount) {
      throw new Error(`a call to join requires one 'as' name per parent: got ${this.prefixes.length} names for ${this.parentCount} parents`);
    }
    this.on = sortedTagNames((lastCall(spec, 'on')?.args ?? []).map(String));
    const delimiter = propertyValue(spec, 'delimiter');
    this.delimiter = typeof delimiter === 'string' ? delimiter : '.';
    this.streamName = stringValue(spec, 'streamName');
    this.tolerance = durationNs(spec, 'tolerance');
    const fill = propertyValue(spec, 'fill');
    this.fill =
      fill === undefined || fill === 'none' ? 'none' : fill === 'null' ? 'null' : typeof fill === 'number' || typeof fill === 'bigint' ? fill : 'none';
    this.parentDims = new Array<number>(this.parentCount).fill(-1);
  }

  protected override point(p: PointMessage, edge: number): void {
    this.collect(p, edge);
  }
  protected override batch(b: BatchMessage, edge: number): void {
    this.collect(b, edge);
  }

  private collect(message: Data, edge: number): void {
    const dims = message.dimensions.tagNames.length;
    this.parentDims[edge] = dims;
    if (this.on.length === 0) {
      this.deliver(this.joinGroup(message), message, edge);
      return;
    }
    const tags = message.type === 'point' ? message.tags : message.tags;
    const key = this.on.map((t) => tags[t] ?? '').join('\u0000');
    let entry = this.byKey.get(key);
    if (entry === undefined) this.byKey.set(key, (entry = { groups: [], recent: [] }));
    if (this.lessSpecific(edge, dims)) {
      entry.recent.push({ edge, message });
      if (entry.recent.length > RECENT_LIMIT) entry.recent.shift();
      for (const group of entry.groups) this.deliver(group, message, edge);
      return;
    }
    let group = this.joinGroups.get(message.group);
    if (group === undefined) {
      group = this.joinGroup(message);
      entry.groups.push(group);
      for (const recent of entry.recent) if (recent.edge !== edge) this.deliver(group, recent.message, recent.edge);
    }
    this.deliver(group, message, edge);
  }

  /** A message grouped by just the `on` tags while another parent is (or may be) more specific. */
  private lessSpecific(edge: number, dims: number): boolean {
    if (dims > this.on.length) return false;
    for (let i = 0; i < this.parentCount; i++) {
      if (i === edge) continue;
      if (this.parentDims[i] === -1 || this.parentDims[i]! > this.on.length) return true;
    }
    return false;
  }

  private joinGroup(message: Data): JoinGroup {
    let group = this.joinGroups.get(message.group);
    if (group === undefined) {
      const tags = message.type === 'point' ? dimensionTags(message.tags, message.dimensions) : { ...message.tags };
      group = {
        group: message.group,
        tags,
        dimensions: message.dimensions,
        heads: new Array<bigint | undefined>(this.parentCount).fill(undefined),
        sets: [],
      };
      this.joinGroups.set(message.group, group);
    }
    return group;
  }

  private deliver(group: JoinGroup, message: Data, edge: number): void {
    const raw = message.type === 'point' ? message.time : message.tmax;
    const time = this.tolerance > 0n ? roundTime(raw, this.tolerance) : raw;
    group.heads[edge] = time;
    let set: JoinSet | undefined;
    let insertAt = group.sets.length;
    for (let i = 0; i < group.sets.length; i++) {
      const s = group.sets[i]!;
      if (s.time === time && s.values[edge] === undefined) {
        set = s;
        break;
      }
      if (s.time > time) {
        insertAt = i;
        break;
      }
    }
    if (set === undefined) {
      set = { time, values: new Array<Data | undefined>(this.parentCount).fill(undefined), filled: 0 };
      group.sets.splice(insertAt, 0, set);
    }
    set.values[edge] = message;
    set.filled++;
    this.flushOld(group);
    if (set.filled === this.parentCount) {
      group.sets.splice(group.sets.indexOf(set), 1);
      this.emitSet(group, set);
    }
  }

  /** Emits (with fill) or drops the sets every parent has moved past. */
  private flushOld(group: JoinGroup): void {
    let oldest: bigint | undefined;
    for (const head of group.heads) {
      if (head === undefined) return;
      if (oldest === undefined || head < oldest) oldest = head;
    }
    while (group.sets.length > 0 && group.sets[0]!.time < oldest!) {
      const set = group.sets.shift()!;
      if (this.fill !== 'none') this.emitSet(group, set);
    }
  }

  private prefixed(fields: Fields, prefix: string, into: Fields): void {
    for (const key in fields) into[prefix + this.delimiter + key] = fields[key]!;
  }

  /** join.go joinset.JoinIntoPoint: the missing parent gets the first point's field names, valued null or the fill number. */
  private fillFields(set: JoinSet, into: Fields, i: number): void {
    if (this.fill === 'none') return;
    const value = this.fill === 'null' ? null : this.fill;
    const model = set.values.find((v) => v !== undefined)!;
    const fields = model.type === 'point' ? model.fields : (model.points[0]?.fields ?? {});
    for (const key in fields) into[this.prefixes[i]! + this.delimiter + key] = value;
  }

  private emitSet(group: JoinGroup, set: JoinSet): void {
    const first = set.values.find((v) => v !== undefined)!;
    const name = this.streamName !== '' ? this.streamName : (set.values[0] ?? first).name;
    if (first.type === 'point') {
      const fields: Fields = {};
      set.values.forEach((v, i) => {
        if (v === undefined) this.fillFields(set, fields, i);
        else this.prefixed((v as PointMessage).fields, this.prefixes[i]!, fields);
      });
      this.emit({
        type: 'point',
        name,
        database: first.database,
        retentionPolicy: first.retentionPolicy,
        tags: group.tags,
        fields,
        time: set.time,
        group: group.group,
        dimensions: group.dimensions,
      });
      return;
    }
    this.emit({
      type: 'batch',
      name,
      tags: group.tags,
      tmax: set.time,
      points: this.joinBatchPoints(set, group.tags),
      group: group.group,
      dimensions: group.dimensions,
    });
  }

  /**
   * Walks the parents' batches in time order, joining the points that share a (rounded) time.
   * A row some parent has no point for is filled as a whole missing parent is (null or the
   * number, for the field names of the first joined point) or, without .fill, dropped.
   */
  private joinBatchPoints(set: JoinSet, tags: Readonly<Tags>): BatchPoint[] {
    const n = this.parentCount;
    const batches = set.values.map((v) => (v !== undefined && v.type === 'batch' ? v.points : []));
    const indexes = new Array<number>(n).fill(0);
    const row = new Array<BatchPoint | undefined>(n);
    const out: BatchPoint[] = [];
    let fieldNames: string[] | undefined;
    for (;;) {
      let setTime: bigint | undefined;
      for (let i = 0; i < n; i++) {
        const pt = batches[i]![indexes[i]!];
        if (pt === undefined) continue;
        const t = this.tolerance > 0n ? roundTime(pt.time, this.tolerance) : pt.time;
        if (setTime === undefined || t < setTime) setTime = t;
      }
      if (setTime === undefined) return out;
      for (let i = 0; i < n; i++) {
        const pt = batches[i]![indexes[i]!];
        row[i] = undefined;
        if (pt === undefined) continue;
        const t = this.tolerance > 0n ? roundTime(pt.time, this.tolerance) : pt.time;
        if (t !== setTime) continue;
        row[i] = pt;
        indexes[i]!++;
        fieldNames ??= Object.keys(pt.fields);
      }
      const fields: Fields = {};
      let complete = true;
      for (let i = 0; i < n; i++) {
        const pt = row[i];
        if (pt !== undefined) {
          this.prefixed(pt.fields, this.prefixes[i]!, fields);
          continue;
        }
        if (this.fill === 'none') {
          complete = false;
          break;
        }
        // join.go joinset.JoinIntoBatch: null fill keeps the names, valued nil.
        const value = this.fill === 'null' ? null : this.fill;
        for (const key of fieldNames!) fields[this.prefixes[i]! + this.delimiter + key] = value;
      }
      if (complete) out.push({ time: setTime, fields, tags });
    }
  }

  protected override deleteGroup(message: Extract<Message, { type: 'deleteGroup' }>): void {
    this.joinGroups.delete(message.group);
    this.emit(message);
  }

  override cardinality(): number {
    return this.joinGroups.size;
  }
}
