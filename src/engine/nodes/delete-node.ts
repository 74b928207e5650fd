// delete(): removes fields (.field(name)) and tags (.tag(name)) from points.
// A deleted tag that is a group dimension is also removed from the dimensions (regrouping).
// Counters: fields_deleted, tags_deleted.

import type { Fields, Tags } from '../../models/point.js';
import { allCalls } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { groupIdOf, type BatchMessage, type Dimensions, type PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

export class DeleteNode extends EngineNode {
  private readonly fields: string[];
  private readonly tags: string[];

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.fields = allCalls(spec, 'field').map((c) => String(c.args[0]));
    this.tags = allCalls(spec, 'tag').map((c) => String(c.args[0]));
    this.counters.fields_deleted = 0;
    this.counters.tags_deleted = 0;
  }

  private apply(fields: Fields, tags: Readonly<Tags>): { fields: Fields; tags: Readonly<Tags> } {
    let newFields = fields;
    let newTags = tags;
    for (const name of this.fields) {
      if (newFields[name] !== undefined) {
        if (newFields === fields) newFields = { ...fields };
        delete newFields[name];
        this.counters.fields_deleted!++;
      }
    }
    for (const name of this.tags) {
      if (newTags[name] !== undefined) {
        if (newTags === tags) newTags = { ...tags };
        delete (newTags as Tags)[name];
        this.counters.tags_deleted!++;
      }
    }
    return { fields: newFields, tags: newTags };
  }

  /** The dimensions without the deleted tags (the same object when none is a dimension). */
  private dimensions(dimensions: Dimensions): Dimensions {
    const tagNames = dimensions.tagNames;
    let kept: string[] | undefined;
    for (let i = 0; i < tagNames.length; i++) {
      if (this.tags.includes(tagNames[i]!)) {
        if (kept === undefined) kept = tagNames.slice(0, i);
      } else if (kept !== undefined) {
        kept.push(tagNames[i]!);
      }
    }
    return kept === undefined ? dimensions : { byName: dimensions.byName, tagNames: kept };
  }

  protected override point(p: PointMessage): void {
    const r = this.apply(p.fields, p.tags);
    const dimensions = this.dimensions(p.dimensions);
    if (dimensions !== p.dimensions) {
      this.emit({ ...p, fields: r.fields, tags: r.tags, dimensions, group: groupIdOf(p.name, r.tags, dimensions) });
      return;
    }
    this.emit(r.fields === p.fields && r.tags === p.tags ? p : { ...p, fields: r.fields, tags: r.tags });
  }

  protected override batch(b: BatchMessage): void {
    const points = b.points.map((pt) => ({ ...pt, ...this.apply(pt.fields, pt.tags) }));
    const dimensions = this.dimensions(b.dimensions);
    if (dimensions === b.dimensions) {
      this.emit({ ...b, points });
      return;
    }
    // delete.go BeginBatch deletes (and counts) the batch's tags as well
    const tags = { ...b.tags };
    for (const name of this.tags) {
      if (tags[name] !== undefined) {
        delete tags[name];
        this.counters.tags_deleted!++;
      }
    }
    this.emit({ ...b, points, tags, dimensions, group: groupIdOf(b.name, tags, dimensions) });
  }
}
