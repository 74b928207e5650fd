// where(lambda): drops points for which the expression is false; on a batch, drops those
// points from the batch. An evaluation error counts as an error and drops the point.

import type { Fields, Tags } from '../../models/point.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance, LambdaProgram } from '../../tick/lambda/index.js';
import { fastPredicate, UNDECIDED, type FastPredicate } from '../fast-predicate.js';
import { compileArg, isLambda } from '../lambdas.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

export class WhereNode extends EngineNode {
  private readonly program: LambdaProgram;
  private readonly instances: GroupStates<LambdaInstance>;
  private readonly shared: LambdaInstance | undefined;
  private readonly fast: FastPredicate | undefined;
  private readonly scope = { time: 0n, fields: {} as Fields, tags: {} as Tags };

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.program = compileArg(spec, spec.args[0]);
    this.instances = this.groups(() => this.program.instantiate());
    this.shared = this.program.stateful ? undefined : this.program.instantiate();
    const arg = spec.args[0];
    this.fast = isLambda(arg) ? fastPredicate(arg.expression) : undefined;
  }

  private test(instance: LambdaInstance, time: bigint, fields: Fields, tags: Readonly<Tags>): boolean {
    if (this.fast !== undefined) {
      const decided = this.fast(fields, tags);
      if (decided !== UNDECIDED) return decided === 1;
    }
    const scope = this.scope;
    scope.time = time;
    scope.fields = fields;
    scope.tags = tags;
    return instance.evalBool(scope);
  }

  protected override point(p: PointMessage): void {
    const instance = this.shared ?? this.instances.get(p);
    if (this.test(instance, p.time, p.fields, p.tags)) this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    const instance = this.shared ?? this.instances.get(b);
    const points: BatchPoint[] = [];
    for (const point of b.points) {
      try {
        if (this.test(instance, point.time, point.fields, point.tags)) points.push(point);
      } catch (error) {
        this.error(error);
      }
    }
    this.emit({ ...b, points });
  }
}
