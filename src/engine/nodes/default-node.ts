// default(): sets fields (.field(name, value)) and tags (.tag(name, value)) that a point lacks;
// on a batch, the batch's tags too.
// Counters: fields_defaulted, tags_defaulted.

import type { FieldValue, Fields, Tags } from '../../models/point.js';
import { allCalls } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { groupIdOf, sortedTagNames, type BatchMessage, type Dimensions, type PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

export class DefaultNode extends EngineNode {
  private readonly fields: Array<[string, FieldValue]>;
  private readonly tags: Array<[string, string]>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.fields = allCalls(spec, 'field').map((c) => [String(c.args[0]), c.args[1] as FieldValue]);
    this.tags = allCalls(spec, 'tag').map((c) => [String(c.args[0]), String(c.args[1])]);
    this.counters.fields_defaulted = 0;
    this.counters.tags_defaulted = 0;
  }

  private apply(fields: Fields, tags: Readonly<Tags>): { fields: Fields; tags: Readonly<Tags> } {
    let newFields = fields;
    let newTags = tags;
    // default.go setDefaults: a missing field and a null one (join .fill('null')) are both defaulted
    for (const [name, value] of this.fields) {
      if (newFields[name] == null) {
        if (newFields === fields) newFields = { ...fields };
        newFields[name] = value;
        this.counters.fields_defaulted!++;
      }
    }
    for (const [name, value] of this.tags) {
      if (newTags[name] === undefined || newTags[name] === '') {
        if (newTags === tags) newTags = { ...tags };
        (newTags as Tags)[name] = value;
        this.counters.tags_defaulted!++;
      }
    }
    return { fields: newFields, tags: newTags };
  }

  protected override point(p: PointMessage): void {
    const r = this.apply(p.fields, p.tags);
    this.emit(r.fields === p.fields && r.tags === p.tags ? p : { ...p, fields: r.fields, tags: r.tags });
  }

  protected override batch(b: BatchMessage): void {
    // default.go BeginBatch: the batch's own tags get the default tags as well (and count);
    // a batch's dimensions are its tags (edge beginBatchMessage.SetTags), so it regroups
    const tags = this.apply({}, b.tags).tags;
    const points = b.points.map((pt) => ({ ...pt, ...this.apply(pt.fields, pt.tags) }));
    if (tags === b.tags) {
      this.emit({ ...b, points });
      return;
    }
    const dimensions: Dimensions = { byName: b.dimensions.byName, tagNames: sortedTagNames(Object.keys(tags)) };
    this.emit({ ...b, tags, points, dimensions, group: groupIdOf(b.name, tags, dimensions) });
  }
}
