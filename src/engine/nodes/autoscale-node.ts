// k8sAutoscale / swarmAutoscale / ec2Autoscale (autoscale.go): per point, the replicas lambda
// (with .currentField() holding the current count) gives the wanted replica count of the
// point's resource, clamped to .min()/.max(). A change is applied through the cluster's Scaler
// unless the resource changed the same way within .increaseCooldown()/.decreaseCooldown() (a
// cooldown drop); an applied change is emitted as a point with fields `old` and `new`, the
// group's tags and the resource tags. The first point of a resource reads its current count
// from the peer. Points are handled one at a time, in order, behind a queue: the pipeline never
// waits for the peer. Never retries a failed call: the next point tries again.

import type { FieldValue, Fields, Tags, TimeNs } from '../../models/point.js';
import { durationNs, hasProperty, intValue, propertyValue, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance, LambdaProgram } from '../../tick/lambda/index.js';
import { compileArg } from '../lambdas.js';
import type { BarrierMessage, BatchMessage, DeleteGroupMessage, Dimensions, GroupId, Message, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { OutputQueue } from '../output-queue.js';
import type { Scaler, ScaleResource } from '../ports.js';
import { autoscaleTarget, type AutoscaleTarget } from './autoscale-resources.js';

/** One point to decide on, with what it needs from its group. */
interface Decision {
  readonly type: 'decide';
  readonly name: string;
  readonly tags: Readonly<Tags>;
  readonly fields: Fields;
  readonly time: TimeNs;
  readonly group: GroupId;
  readonly dimensions: Dimensions;
  readonly replicas: LambdaInstance;
}

type Work = Decision | { readonly type: 'forward'; readonly message: Message };

/** autoscale.go resourceState: the last known count and when it last went up and down. */
interface ResourceState {
  current: number;
  lastIncrease: TimeNs | undefined;
  lastDecrease: TimeNs | undefined;
}

export class AutoscaleNode extends EngineNode {
  private readonly target: AutoscaleTarget;
  private readonly scaler: Scaler;
  private readonly program: LambdaProgram;
  private readonly min: number;
  private readonly max: number;
  private readonly increaseCooldown: bigint;
  private readonly decreaseCooldown: bigint;
  private readonly currentField: string;
  private readonly lambdas: GroupStates<LambdaInstance>;
  /** By resource key; kept across groups (several groups may scale one resource). */
  private readonly resources = new Map<string, ResourceState>();
  private readonly queue: OutputQueue<Work>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.target = autoscaleTarget(spec);
    this.min = hasProperty(spec, 'min') ? Number(intValue(spec, 'min')) : 1;
    this.max = Number(intValue(spec, 'max'));
    if (this.min < 1) throw new Error(`minimum count must be >= 1, got ${this.min}`);
    this.increaseCooldown = durationNs(spec, 'increaseCooldown');
    this.decreaseCooldown = durationNs(spec, 'decreaseCooldown');
    this.currentField = stringValue(spec, 'currentField');
    try {
      this.program = compileArg(spec, propertyValue(spec, 'replicas'));
    } catch (error) {
      throw new Error(`invalid replicas expression: ${(error as Error).message}`, { cause: error });
    }
    this.scaler = this.lookUpScaler(stringValue(spec, 'cluster'));
    this.lambdas = this.groups(() => this.program.instantiate());
    this.queue = new OutputQueue<Work>({ send: (work) => this.perform(work) });
    Object.assign(this.counters, { increase_events: 0, decrease_events: 0, cooldown_drops: 0 });
  }

  private lookUpScaler(cluster: string): Scaler {
    const port = this.ctx.services.autoscale;
    const kind = this.target.peer;
    try {
      if (port === undefined) throw new Error(`unknown ${kind === 'ec2' ? 'ec2 region' : `${kind} cluster`} ${JSON.stringify(cluster)}, cannot get client`);
      return port.scaler(kind, cluster);
    } catch (error) {
      throw new Error(`${this.target.clientError}: ${(error as Error).message}`, { cause: error });
    }
  }

  protected override point(p: PointMessage): void {
    this.queue.push({
      type: 'decide',
      name: p.name,
      tags: p.tags,
      fields: p.fields,
      time: p.time,
      group: p.group,
      dimensions: p.dimensions,
      replicas: this.lambdas.get(p),
    });
  }

  protected override batch(b: BatchMessage): void {
    const replicas = this.lambdas.get(b);
    for (const pt of b.points) {
      this.queue.push({ type: 'decide', name: b.name, tags: pt.tags, fields: pt.fields, time: pt.time, group: b.group, dimensions: b.dimensions, replicas });
    }
  }

  protected override barrier(message: BarrierMessage): void {
    this.queue.push({ type: 'forward', message });
  }

  protected override deleteGroup(message: DeleteGroupMessage): void {
    this.lambdas.delete(message.group);
    this.queue.push({ type: 'forward', message });
  }

  private async perform(work: Work): Promise<void> {
    if (work.type === 'forward') {
      this.emit(work.message);
      return;
    }
    try {
      const event = await this.decide(work);
      if (event !== undefined) this.emit(event);
    } catch (error) {
      this.error(error);
    }
  }

  /** autoscale.go handlePoint: the event point, or undefined when nothing changes. */
  private async decide(work: Decision): Promise<PointMessage | undefined> {
    const resource = this.target.resourceOf(work.tags);
    const key = this.target.keyOf(resource);
    const described = JSON.stringify(this.target.describe(resource));
    let known = this.resources.get(key);
    if (known === undefined) {
      try {
        known = { current: await this.scaler.replicas(resource), lastIncrease: undefined, lastDecrease: undefined };
      } catch (error) {
        throw new Error(`could not determine initial scale for ${described}: ${(error as Error).message}`, { cause: error });
      }
      this.resources.set(key, known);
    }
    const old = known.current;
    let wanted: number;
    try {
      wanted = this.evaluate(work, old);
    } catch (error) {
      throw new Error(`failed to evaluate the replicas expression: ${(error as Error).message}`, { cause: error });
    }
    if (this.max > 0 && wanted > this.max) wanted = this.max;
    if (wanted < this.min) wanted = this.min;
    if (wanted === old) return undefined;

    // The new state is kept only once the change is applied.
    const next: ResourceState = { ...known, current: wanted };
    const increase = wanted > old;
    const last = increase ? known.lastIncrease : known.lastDecrease;
    const cooldown = increase ? this.increaseCooldown : this.decreaseCooldown;
    if (last !== undefined && work.time < last + cooldown) {
      this.counters.cooldown_drops!++;
      return undefined;
    }
    if (increase) next.lastIncrease = work.time;
    else next.lastDecrease = work.time;

    this.ctx.logger.debug({ node: this.name, new: wanted, old, event_id: key }, 'setting replicas');
    try {
      await this.scaler.setReplicas(resource, wanted);
    } catch (error) {
      const reason = `failed to set new replica count for ${described}: ${(error as Error).message}`;
      throw new Error(`failed to apply scaling event: ${reason}`, { cause: error });
    }
    this.resources.set(key, next);
    if (increase) this.counters.increase_events!++;
    else this.counters.decrease_events!++;
    return this.eventPoint(work, resource, old, wanted);
  }

  /** The replicas lambda as an integer; .currentField() names the current count unless the point has it. */
  private evaluate(work: Decision, current: number): number {
    let fields = work.fields;
    const name = this.currentField;
    if (name !== '' && !Object.prototype.hasOwnProperty.call(fields, name) && work.tags[name] === undefined) {
      fields = { ...fields, [name]: BigInt(current) };
    }
    const value: FieldValue = work.replicas.eval({ time: work.time, fields, tags: work.tags });
    if (typeof value !== 'bigint') throw new Error(`expression returned unexpected type ${typeof value === 'number' ? 'float' : typeof value}`);
    return Number(value);
  }

  private eventPoint(work: Decision, resource: ScaleResource, old: number, wanted: number): PointMessage {
    const tags: Tags = {};
    for (const tag of work.dimensions.tagNames) tags[tag] = work.tags[tag] ?? '';
    this.target.tag(resource, tags);
    return {
      type: 'point',
      name: work.name,
      database: '',
      retentionPolicy: '',
      tags,
      fields: { old: BigInt(old), new: BigInt(wanted) },
      time: work.time,
      group: work.group,
      dimensions: work.dimensions,
    };
  }

  override drain(): Promise<void> {
    return this.queue.idle();
  }

  override close(): void {
    this.queue.close();
  }
}
