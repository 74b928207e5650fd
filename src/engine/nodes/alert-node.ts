// The alert node: evaluates info/warn/crit (and their resets) per point or batch, keeps each
// group's alert state (history, flapping, durations), renders id/message/details, and hands
// events to the alert service (topics and handlers) without waiting; triggered data is
// forwarded with the level/id/message/duration tags and fields it was asked to add.

import type { AlertService } from '../../alert/alert-service.js';
import { AlertState } from '../../alert/alert-state.js';
import { newEvent, type AlertEvent, type ResultSeries } from '../../alert/event.js';
import type { HandlerQueue } from '../../alert/handler.js';
import { CRITICAL, INFO, levelName, OK, WARNING, type Level } from '../../alert/levels.js';
import { Inhibitor } from '../../alert/inhibitor.js';
import { nodeHandlerSpec } from '../../alert/node-handlers.js';
import { DetailsInfo, idInfo, type IdInfo, MessageInfo, ServerInfo } from '../../alert/template-data.js';
import { compileTemplate, GoDuration, GoTime, type CompiledTemplate } from '../../alert/template/index.js';
import type { Fields, Tags } from '../../models/point.js';
import { isHandlerProperty } from '../../pipeline/catalogue/index.js';
import { allCalls, hasProperty, lastCall, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode, PropertyCall } from '../../pipeline/types.js';
import type { LambdaInstance, LambdaProgram } from '../../tick/lambda/index.js';
import { compileArg } from '../lambdas.js';
import type { BatchMessage, BatchPoint, PointMessage } from '../messages.js';
import { withBatch, withPoint } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { batchToRow, pointToRow } from '../rows.js';

const DEFAULT_ID = '{{ .Name }}:{{ .Group }}';
const DEFAULT_MESSAGE = '{{ .ID }} is {{ .Level }}';
const DEFAULT_DETAILS = '{{ json . }}';
const DEFAULT_HISTORY = 21;

/** Per-group state: the alert state plus the group's lambda instances. */
class GroupAlert {
  readonly state: AlertState;
  restored = false;
  readonly levels: Array<LambdaInstance | undefined>;
  readonly resets: Array<LambdaInstance | undefined>;
  /** The id template's data and result for the last series seen (parsed points of one series share their tags object). */
  idName = '';
  idTags: Readonly<Tags> | undefined;
  idBase: IdInfo | undefined;
  id = '';

  constructor(node: AlertNode) {
    this.state = new AlertState(node.stateOptions);
    this.levels = node.levelPrograms.map((program) => program?.instantiate());
    this.resets = node.resetPrograms.map((program) => program?.instantiate());
  }
}

function lastLambda(spec: PipelineNode, name: string, node: PipelineNode): LambdaProgram | undefined {
  const call = lastCall(spec, name);
  return call === undefined ? undefined : compileArg(node, call.args[0]);
}

export class AlertNode extends EngineNode {
  readonly levelPrograms: Array<LambdaProgram | undefined>;
  readonly resetPrograms: Array<LambdaProgram | undefined>;
  readonly stateOptions: ConstructorParameters<typeof AlertState>[0];
  private readonly idTemplate: CompiledTemplate;
  private readonly messageTemplate: CompiledTemplate;
  private readonly detailsTemplate: CompiledTemplate;
  private readonly alerts: AlertService | undefined;
  private readonly server: ServerInfo;
  private readonly topic: string;
  private readonly anonTopic: string;
  private readonly levelTag: string;
  private readonly levelField: string;
  private readonly messageField: string;
  private readonly durationField: string;
  private readonly idTag: string;
  private readonly idField: string;
  private readonly category: string;
  private readonly all: boolean;
  private readonly noRecoveries: boolean;
  private readonly stateChangesOnly: boolean;
  private readonly useFlapping: boolean;
  private readonly handlerCalls: PropertyCall[];
  private readonly queues: HandlerQueue[] = [];
  private readonly inhibitors: Inhibitor[];
  private readonly states: GroupStates<GroupAlert>;
  private readonly scope = { time: 0n, fields: {} as Fields, tags: {} as Tags };

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.levelPrograms = [undefined, lastLambda(spec, 'info', spec), lastLambda(spec, 'warn', spec), lastLambda(spec, 'crit', spec)];
    this.resetPrograms = [undefined, lastLambda(spec, 'infoReset', spec), lastLambda(spec, 'warnReset', spec), lastLambda(spec, 'critReset', spec)];
    const template = (name: string, fallback: string, mode: 'text' | 'html' = 'text') =>
      compileTemplate(name, hasProperty(spec, name) ? stringValue(spec, name) : fallback, mode);
    this.idTemplate = template('id', DEFAULT_ID);
    this.messageTemplate = template('message', DEFAULT_MESSAGE);
    this.detailsTemplate = template('details', DEFAULT_DETAILS, 'html');
    const services = ctx.services;
    this.alerts = services.alerts;
    const info = services.serverInfo;
    this.server = new ServerInfo(info?.hostname ?? '', info?.clusterId ?? '', info?.serverId ?? '');
    this.anonTopic = `main:${ctx.taskId}:${spec.name}`;
    this.topic = stringValue(spec, 'topic');
    this.levelTag = stringValue(spec, 'levelTag');
    this.levelField = stringValue(spec, 'levelField');
    this.messageField = stringValue(spec, 'messageField');
    this.durationField = stringValue(spec, 'durationField');
    this.idTag = stringValue(spec, 'idTag');
    this.idField = stringValue(spec, 'idField');
    this.category = stringValue(spec, 'category');
    this.all = hasProperty(spec, 'all');
    this.noRecoveries = hasProperty(spec, 'noRecoveries');
    const changes = lastCall(spec, 'stateChangesOnly');
    this.stateChangesOnly = changes !== undefined;
    const interval = changes?.args[0];
    const flapping = lastCall(spec, 'flapping');
    this.useFlapping = flapping !== undefined;
    if (flapping !== undefined && (Number(flapping.args[0]) > 1 || Number(flapping.args[1]) > 1)) {
      throw new Error('alert flap thresholds are percentages and should be between 0 and 1');
    }
    const history = lastCall(spec, 'history')?.args[0];
    this.stateOptions = {
      history: typeof history === 'bigint' ? Number(history) : DEFAULT_HISTORY,
      flapping: flapping === undefined ? undefined : { low: Number(flapping.args[0]), high: Number(flapping.args[1]) },
      stateChangesInterval: typeof interval === 'object' && interval !== null && !Array.isArray(interval) && interval.kind === 'duration' ? interval.ns : 0n,
    };
    this.handlerCalls = spec.properties.filter((call) => isHandlerProperty(call.name));
    this.inhibitors = allCalls(spec, 'inhibit').map((call) => new Inhibitor(String(call.args[0]), call.args.slice(1).map(String)));
    this.states = this.groups(() => new GroupAlert(this));
    for (const name of ['alerts_triggered', 'oks_triggered', 'infos_triggered', 'warns_triggered', 'crits_triggered', 'alerts_inhibited'])
      this.counters[name] = 0;
  }

  override open(): void {
    if (this.alerts === undefined) return;
    for (const inhibitor of this.inhibitors) this.alerts.addInhibitor(inhibitor);
    for (const call of this.handlerCalls) {
      const { kind, options } = nodeHandlerSpec(call);
      const queue = this.alerts.anonymousQueue(kind, options);
      this.queues.push(queue);
      this.alerts.registerAnonymous(this.anonTopic, queue);
    }
  }

  /** The node's own handlers' queues (topic handlers belong to the alert service). */
  override async drain(): Promise<void> {
    for (const queue of this.queues) await queue.idle();
  }

  override close(): void {
    if (this.alerts === undefined) return;
    for (const inhibitor of this.inhibitors) this.alerts.removeInhibitor(inhibitor);
    for (const queue of this.queues) {
      this.alerts.deregisterAnonymous(this.anonTopic, queue);
      // The task is going away: its queued handler work goes too, running programs are killed.
      void queue.abort();
    }
    this.queues.length = 0;
  }

  /** The condition's value; undefined (after counting the error) when it cannot be evaluated. */
  private evaluate(instance: LambdaInstance, time: bigint, fields: Fields, tags: Tags): boolean | undefined {
    const scope = this.scope;
    scope.time = time;
    scope.fields = fields;
    scope.tags = tags;
    try {
      return instance.evalBool(scope);
    } catch (error) {
      this.error(error);
      return undefined;
    }
  }

  /** The highest matching level from `start` down to (excluding) `stop`. */
  private firstMatch(group: GroupAlert, start: Level, stop: number, time: bigint, fields: Fields, tags: Tags): Level | undefined {
    if (stop < OK) stop = OK;
    for (let level = start; level > stop; level--) {
      const instance = group.levels[level];
      if (instance !== undefined && this.evaluate(instance, time, fields, tags) === true) return level;
    }
    return undefined;
  }

  /** Kapacitor's determineLevel: higher levels first, then the current level's reset. */
  private determineLevel(group: GroupAlert, current: Level, time: bigint, fields: Fields, tags: Tags): Level {
    const higher = this.firstMatch(group, CRITICAL, current - 1, time, fields, tags);
    if (higher !== undefined) return higher;
    const reset = group.resets[current];
    // A reset that cannot be evaluated does not hold the level (Kapacitor logs it and goes on).
    if (reset !== undefined && this.evaluate(reset, time, fields, tags) === false) return current;
    return this.firstMatch(group, current, OK, time, fields, tags) ?? OK;
  }

  /** The node's own handlers live on its anonymous topic, which exists only when it has some. */
  private get hasAnonTopic(): boolean {
    return this.handlerCalls.length > 0;
  }

  /** Restores a kept level: the anonymous topic's state first, then the named topic's. */
  private restore(group: GroupAlert, id: string, tags: Readonly<Tags>): void {
    group.restored = true;
    const stored =
      (this.hasAnonTopic ? this.alerts?.eventState(this.anonTopic, id) : undefined) ??
      (this.topic !== '' ? this.alerts?.eventState(this.topic, id) : undefined);
    if (stored === undefined || stored.level === OK) return;
    // alert.go restoreEventState: triggered(kept time) right after an OK history, so the
    // duration starts again from the kept event's time, and the inhibitors are set again.
    group.state.restore(stored.level, stored.time, stored.time);
    for (const inhibitor of this.inhibitors) inhibitor.update(id, tags, true);
  }

  /** Updates the state; true when an event must be sent. */
  private shouldTrigger(group: GroupAlert, id: string, tags: Readonly<Tags>, level: Level, time: bigint): boolean {
    const state = group.state;
    state.addEvent(time, level);
    if (this.useFlapping && state.flapping) return false;
    if (this.stateChangesOnly && !state.changed && !state.expired) return false;
    if (!state.changed && level === OK) return false;
    this.triggered(state, id, tags, level, time);
    if (this.noRecoveries && level === OK) return false;
    return true;
  }

  /** Batches: a recovery is sent whenever the level changed to OK, even while flapping. */
  private shouldTriggerBatch(group: GroupAlert, id: string, tags: Readonly<Tags>, level: Level, time: bigint): boolean {
    const state = group.state;
    state.addEvent(time, level);
    const send = level === OK ? state.changed : !((this.useFlapping && state.flapping) || (this.stateChangesOnly && !state.changed && !state.expired));
    if (!send) return false;
    this.triggered(state, id, tags, level, time);
    return !(this.noRecoveries && level === OK);
  }

  /**
   * alert.go alertState.triggered: the inhibitors follow every triggered level, also a
   * recovery that .noRecoveries() then keeps from being sent.
   */
  private triggered(state: AlertState, id: string, tags: Readonly<Tags>, level: Level, time: bigint): void {
    state.triggered(time);
    for (const inhibitor of this.inhibitors) inhibitor.update(id, tags, level !== OK);
  }

  private buildEvent(
    id: string,
    base: ReturnType<typeof idInfo>,
    level: Level,
    time: bigint,
    duration: bigint,
    fields: Fields,
    series: ResultSeries[],
    group: string,
    tags: Tags,
  ): AlertEvent {
    const info = new MessageInfo(base, id, fields, levelName(level), new GoTime(time), new GoDuration(duration));
    const message = this.messageTemplate.execute(info);
    const details = this.detailsTemplate.execute(new DetailsInfo(info, message));
    return newEvent({
      topic: this.anonTopic,
      id,
      state: { message, details, time, duration, level },
      recoverable: !this.noRecoveries,
      series,
      taskName: this.ctx.taskId,
      name: base.Name,
      group,
      tags,
      fields,
      category: this.category,
    });
  }

  /**
   * alert.go AlertNode.handleEvent: an inhibited event only counts alerts_inhibited and goes
   * nowhere; otherwise it is counted by level and collected into the anonymous and named topics.
   */
  private publish(event: AlertEvent): void {
    if (this.alerts?.isInhibited(this.category, event.tags) === true) {
      this.counters['alerts_inhibited']!++;
      return;
    }
    this.counters['alerts_triggered']!++;
    const level = event.state.level;
    const counter = level === OK ? 'oks_triggered' : level === INFO ? 'infos_triggered' : level === WARNING ? 'warns_triggered' : 'crits_triggered';
    this.counters[counter]!++;
    if (this.alerts === undefined) return;
    if (this.hasAnonTopic) this.alerts.collect(event);
    if (this.topic !== '') this.alerts.collect({ ...event, topic: this.topic, dataJSON: undefined });
  }

  private decorate(tags: Readonly<Tags>, fields: Fields, event: AlertEvent): { tags: Readonly<Tags>; fields: Fields } {
    let outTags = tags;
    let outFields = fields;
    const level = levelName(event.state.level);
    if (this.levelTag !== '' || this.idTag !== '') {
      const copy: Tags = { ...tags };
      if (this.levelTag !== '') copy[this.levelTag] = level;
      if (this.idTag !== '') copy[this.idTag] = event.id;
      outTags = copy;
    }
    if (this.levelField !== '' || this.messageField !== '' || this.durationField !== '' || this.idField !== '') {
      const copy: Fields = { ...fields };
      if (this.levelField !== '') copy[this.levelField] = level;
      if (this.messageField !== '') copy[this.messageField] = event.state.message;
      if (this.durationField !== '') copy[this.durationField] = event.state.duration;
      if (this.idField !== '') copy[this.idField] = event.id;
      outFields = copy;
    }
    return { tags: outTags, fields: outFields };
  }

  /** The id template's data and the id of a group's point; computed again only when its series changes. */
  private pointId(group: GroupAlert, message: PointMessage): IdInfo {
    if (group.idBase !== undefined && group.idTags === message.tags && group.idName === message.name) return group.idBase;
    const base = idInfo(message.name, this.ctx.taskId, message.group, message.tags, this.server);
    group.id = this.idTemplate.execute(base);
    group.idName = message.name;
    group.idTags = message.tags;
    group.idBase = base;
    return base;
  }

  protected override point(message: PointMessage): void {
    const group = this.states.get(message);
    const base = this.pointId(group, message);
    const id = group.id;
    if (!group.restored) this.restore(group, id, message.tags);
    const level = this.determineLevel(group, group.state.currentLevel(), message.time, message.fields, message.tags);
    if (!this.shouldTrigger(group, id, message.tags, level, message.time)) return;
    const event = this.buildEvent(id, base, level, message.time, group.state.duration(), message.fields, [pointToRow(message)], message.group, message.tags);
    this.publish(event);
    const { tags, fields } = this.decorate(message.tags, message.fields, event);
    this.emit(tags === message.tags && fields === message.fields ? message : withPoint(message, { tags, fields }));
  }

  protected override batch(message: BatchMessage): void {
    if (message.points.length === 0) return;
    const group = this.states.get(message);
    const base = idInfo(message.name, this.ctx.taskId, message.group, message.tags, this.server);
    const id = this.idTemplate.execute(base);
    if (!group.restored) this.restore(group, id, message.tags);
    const current = group.state.currentLevel();
    let lowest: Level = CRITICAL;
    let highest: Level = OK;
    let highestPoint: BatchPoint | undefined;
    for (const point of message.points) {
      const level = this.determineLevel(group, current, point.time, point.fields, point.tags);
      if (level < lowest) lowest = level;
      if (level > highest || highestPoint === undefined) {
        highest = level;
        highestPoint = point;
      }
    }
    const level = this.all ? lowest : highest;
    const time = this.all || level === OK ? message.tmax : highestPoint!.time;
    if (!this.shouldTriggerBatch(group, id, message.tags, level, time)) return;
    const chosenPoint = highestPoint!;
    const event = this.buildEvent(id, base, level, time, group.state.duration(), chosenPoint.fields, [batchToRow(message)], message.group, message.tags);
    this.publish(event);
    const { tags } = this.decorate(message.tags, {}, event);
    const points = message.points.map((point) => {
      const decorated = this.decorate(point.tags, point.fields, event);
      return decorated.tags === point.tags && decorated.fields === point.fields ? point : { time: point.time, tags: decorated.tags, fields: decorated.fields };
    });
    this.emit(withBatch(message, { tags, points }));
  }
}
