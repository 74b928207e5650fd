// from(): selects a stream task's points by database, retention policy, measurement and where
// lambdas, adjusts their time (truncate, round) and groups them (groupBy, groupByMeasurement).

import type { Point } from '../../models/point.js';
import { allCalls, durationNs, hasProperty, lastCall, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { LambdaInstance } from '../../tick/lambda/index.js';
import { groupSpec, Grouper } from '../group-by.js';
import { decidingEquality, fastPredicate, UNDECIDED, type FastPredicate } from '../fast-predicate.js';
import { compileArg, isLambda } from '../lambdas.js';
import { NO_DIMENSIONS, type PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { roundTime, truncateTime } from '../time-ops.js';

export class FromNode extends EngineNode {
  private readonly database: string;
  private readonly retentionPolicy: string;
  private readonly measurement: string;
  private readonly wheres: LambdaInstance[];
  private readonly fastWheres: Array<FastPredicate | undefined>;
  private readonly truncate: bigint;
  private readonly round: bigint;
  private readonly grouper: Grouper;
  private readonly ungrouped: boolean;
  private readonly scope = { time: 0n, fields: {} as Point['fields'], tags: {} as Point['tags'] };
  /**
   * A tag equality every selected point satisfies, decided without side effects (see
   * decidingEquality): the task master routes by it and skips points with another value.
   */
  readonly routingTag: { readonly name: string; readonly literal: string } | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.database = stringValue(spec, 'database');
    this.retentionPolicy = stringValue(spec, 'retentionPolicy');
    this.measurement = stringValue(spec, 'measurement');
    const whereArgs = allCalls(spec, 'where').map((call) => call.args[0]);
    this.wheres = whereArgs.map((arg) => compileArg(spec, arg).instantiate());
    this.fastWheres = whereArgs.map((arg) => (isLambda(arg) ? fastPredicate(arg.expression) : undefined));
    this.truncate = durationNs(spec, 'truncate');
    this.round = durationNs(spec, 'round');
    this.grouper = new Grouper(groupSpec(lastCall(spec, 'groupBy')?.args ?? [], [], hasProperty(spec, 'groupByMeasurement')));
    this.ungrouped = this.grouper.none;
    const first = whereArgs[0];
    this.routingTag = isLambda(first) ? decidingEquality(first.expression) : undefined;
  }

  /** A written point from the stream node: emits it when it matches. */
  accept(point: Point): void {
    this.collected++;
    this.acceptCounted(point);
  }

  /** A written point already counted as collected (see StreamNode.offer). */
  acceptCounted(point: Point): void {
    if (this.sampleTiming()) {
      this.select(point);
      this.recordTiming();
    } else {
      this.select(point);
    }
  }

  private select(point: Point): void {
    if (this.measurement !== '' && point.name !== this.measurement) return;
    if (this.database !== '' && point.database !== this.database) return;
    if (this.retentionPolicy !== '' && point.retentionPolicy !== this.retentionPolicy) return;
    const wheres = this.wheres;
    if (wheres.length > 0) {
      const scope = this.scope;
      scope.time = point.time;
      scope.fields = point.fields;
      scope.tags = point.tags;
      try {
        for (let i = 0; i < wheres.length; i++) {
          const fast = this.fastWheres[i];
          if (fast !== undefined) {
            const decided = fast(point.fields, point.tags);
            if (decided === 0) return;
            if (decided !== UNDECIDED) continue;
          }
          if (!wheres[i]!.evalBool(scope)) return;
        }
      } catch (error) {
        this.error(error);
        return;
      }
    }
    let time = point.time;
    if (this.truncate !== 0n) time = truncateTime(time, this.truncate);
    if (this.round !== 0n) time = roundTime(time, this.round);
    let message: PointMessage;
    if (this.ungrouped) {
      message = {
        type: 'point',
        name: point.name,
        database: point.database,
        retentionPolicy: point.retentionPolicy,
        tags: point.tags,
        fields: point.fields,
        time,
        group: '',
        dimensions: NO_DIMENSIONS,
      };
    } else {
      const group = this.grouper.dimensionsOf(point.name, point.tags);
      message = {
        type: 'point',
        name: point.name,
        database: point.database,
        retentionPolicy: point.retentionPolicy,
        tags: point.tags,
        fields: point.fields,
        time,
        group: group.group,
        dimensions: group.dimensions,
      };
    }
    this.emit(message);
  }
}
