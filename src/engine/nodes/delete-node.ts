// delete(): removes fields (.field(name)) and tags (.tag(name)) from points.
// Counters: fields_deleted, tags_deleted.

import type { Fields, Tags } from '../../models/point.js';
import { allCalls } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, PointMessage } from '../messages.js';
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

  protected override point(p: PointMessage): void {
    const r = this.apply(p.fields, p.tags);
    this.emit(r.fields === p.fields && r.tags === p.tags ? p : { ...p, fields: r.fields, tags: r.tags });
  }

  protected override batch(b: BatchMessage): void {
    this.emit({ ...b, points: b.points.map((pt) => ({ ...pt, ...this.apply(pt.fields, pt.tags) })) });
  }
}
