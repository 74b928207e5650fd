// stateDuration(lambda) and stateCount(lambda): while the condition holds, how long (in .unit,
// default 1s) or for how many points it has held, per group; -1 when it does not hold.
// Stored in .as (state_duration / state_count).

import type { Fields, Tags } from '../../models/point.js';
import { durationNs, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance, LambdaProgram } from '../../tick/lambda/index.js';
import { compileArg } from '../lambdas.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

interface State {
  instance: LambdaInstance;
  start: bigint;
  count: number;
  active: boolean;
}

export class StateNode extends EngineNode {
  private readonly program: LambdaProgram;
  private readonly duration: boolean;
  private readonly as: string;
  private readonly unit: number;
  private readonly states: GroupStates<State>;
  private readonly scope = { time: 0n, fields: {} as Fields, tags: {} as Tags };

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.program = compileArg(spec, spec.args[0]);
    this.duration = spec.kind === 'stateDuration';
    this.as = stringValue(spec, 'as') || (this.duration ? 'state_duration' : 'state_count');
    const unit = durationNs(spec, 'unit');
    this.unit = Number(unit === 0n ? 1_000_000_000n : unit);
    this.states = this.groups(() => ({ instance: this.program.instantiate(), start: 0n, count: 0, active: false }));
  }

  private value(state: State, time: bigint, fields: Fields, tags: Readonly<Tags>): number | bigint {
    const scope = this.scope;
    scope.time = time;
    scope.fields = fields;
    scope.tags = tags;
    if (!state.instance.evalBool(scope)) {
      state.active = false;
      return this.duration ? -1 : -1n;
    }
    if (!state.active) {
      state.active = true;
      state.start = time;
      state.count = 0;
    }
    state.count++;
    return this.duration ? Number(time - state.start) / this.unit : BigInt(state.count);
  }

  protected override point(p: PointMessage): void {
    const value = this.value(this.states.get(p), p.time, p.fields, p.tags);
    this.emit({ ...p, fields: { ...p.fields, [this.as]: value } });
  }

  protected override batch(b: BatchMessage): void {
    const state = this.states.get(b);
    // Each batch is tracked from scratch (the lambda's own state carries on).
    state.active = false;
    state.count = 0;
    const points: BatchPoint[] = [];
    for (const pt of b.points) {
      try {
        points.push({ ...pt, fields: { ...pt.fields, [this.as]: this.value(state, pt.time, pt.fields, pt.tags) } });
      } catch (error) {
        this.error(error);
      }
    }
    this.emit({ ...b, points });
  }
}
