// eval(lambdas...): computes new fields (.as names), optionally as tags (.tags), keeping all or
// some of the other fields (.keep); each expression sees the results of the ones before it.
// Lambda instances are per group (stateful functions such as sigma keep state per group).

import type { Fields, Tags } from '../../models/point.js';
import { allCalls, hasProperty } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance, LambdaProgram } from '../../tick/lambda/index.js';
import { compileArg } from '../lambdas.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

function names(spec: PipelineNode, property: string): string[] {
  return allCalls(spec, property).flatMap((call) => call.args.map(String));
}

export class EvalNode extends EngineNode {
  private readonly programs: LambdaProgram[];
  private readonly as: string[];
  private readonly tagNames: Set<string>;
  private readonly keep: boolean;
  private readonly keepList: string[];
  private readonly quiet: boolean;
  private readonly instances: GroupStates<LambdaInstance[]>;
  private readonly scope = { time: 0n, fields: {} as Fields, tags: {} as Tags };

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.programs = spec.args.map((arg) => compileArg(spec, arg));
    this.as = names(spec, 'as');
    if (this.as.length !== this.programs.length) {
      throw new Error(`must provide one name per expression via the 'As' property`);
    }
    this.tagNames = new Set(names(spec, 'tags'));
    this.keep = hasProperty(spec, 'keep');
    this.keepList = names(spec, 'keep');
    this.quiet = hasProperty(spec, 'quiet');
    this.instances = this.groups(() => this.programs.map((p) => p.instantiate()));
  }

  protected override error(error: unknown): void {
    if (this.quiet) {
      this.errors++;
      return;
    }
    super.error(error);
  }

  private evaluate(instances: LambdaInstance[], time: bigint, fields: Fields, tags: Readonly<Tags>): { fields: Fields; tags: Readonly<Tags> } {
    const scope = this.scope;
    const vars: Fields = { ...fields };
    scope.time = time;
    scope.fields = vars;
    scope.tags = tags;
    for (let i = 0; i < instances.length; i++) vars[this.as[i]!] = instances[i]!.eval(scope);
    let newTags: Readonly<Tags> = tags;
    if (this.tagNames.size > 0) {
      const copy: Tags = { ...tags };
      for (const tag of this.tagNames) {
        const value = vars[tag];
        if (typeof value !== 'string')
          throw new Error(
            `result of a tag expression must be of type string, got ${typeof value === 'bigint' ? 'int64' : typeof value === 'number' ? 'float64' : 'bool'}`,
          );
        copy[tag] = value;
      }
      newTags = copy;
    }
    let out: Fields;
    if (this.keep) {
      if (this.keepList.length > 0) {
        out = {};
        for (const name of this.keepList) {
          const value = vars[name];
          if (value === undefined) throw new Error(`cannot keep field "${name}", field does not exist`);
          out[name] = value;
        }
      } else {
        out = vars;
      }
    } else {
      out = {};
      for (const name of this.as) if (!this.tagNames.has(name)) out[name] = vars[name]!;
    }
    return { fields: out, tags: newTags };
  }

  protected override point(p: PointMessage): void {
    const result = this.evaluate(this.instances.get(p), p.time, p.fields, p.tags);
    this.emit({ ...p, fields: result.fields, tags: result.tags });
  }

  protected override batch(b: BatchMessage): void {
    const instances = this.instances.get(b);
    const points: BatchPoint[] = [];
    for (const point of b.points) {
      try {
        const result = this.evaluate(instances, point.time, point.fields, point.tags);
        points.push({ time: point.time, fields: result.fields, tags: result.tags });
      } catch (error) {
        this.error(error);
      }
    }
    this.emit({ ...b, points });
  }
}
