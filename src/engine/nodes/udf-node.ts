// @name(): a user defined function. Starts the function's agent (process or socket) when the
// task starts, initializes it with the node's options, sends it every point (or batch as
// begin / points / end) and emits what it answers. A failing agent (error response, exit,
// keepalive timeout, broken message) ends the node, and so the task, with that error (the
// task's `error`); never a crash.

import type { Fields, Tags } from '../../models/point.js';
import { udfValueType } from '../../pipeline/call.js';
import type { PipelineNode, PropertyValue } from '../../pipeline/types.js';
import { UdfAgent } from '../../udf/agent.js';
import type { UdfFunctionConfig } from '../../udf/config.js';
import { emptyPoint, type BeginBatch, type EndBatch, type OptionValue, type UdfOption, type UdfPoint, type UdfResponse } from '../../udf/messages.js';
import { batchMessage, groupIdOf, pointMessage, sortedTagNames, type BatchMessage, type BatchPoint, type Dimensions, type PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';

interface OpenBatch {
  begin: BeginBatch;
  points: BatchPoint[];
}

export class UdfNode extends EngineNode {
  private readonly config: UdfFunctionConfig;
  private readonly options: UdfOption[];
  private agent: UdfAgent | undefined;
  private failure: string | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private lastKeepalive = 0;
  private openBatch: OpenBatch | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const name = String(spec.args[0]);
    const lookup = ctx.services.udfFunction;
    const config = lookup?.(name);
    if (config === undefined) throw new Error(`no UDF named ${JSON.stringify(name)} is configured`);
    this.config = config;
    this.options = spec.properties.map((call) => ({ name: call.name, values: call.args.map(optionValue) }));
  }

  override open(): void {
    this.agent = new UdfAgent(this.config, {
      response: (response) => this.response(response),
      failure: (error) => this.fail(error.message),
      stderr: (line) => this.ctx.logger.info({ node: this.name, udf: this.config.name }, line),
    });
    this.agent.send({ kind: 'init', options: this.options });
    const timeout = this.config.timeoutMs;
    if (timeout > 0) {
      this.lastKeepalive = Date.now();
      this.keepaliveTimer = setInterval(() => this.keepalive(), Math.max(1, Math.floor(timeout / 2)));
      this.keepaliveTimer.unref();
    }
  }

  override close(): void {
    if (this.keepaliveTimer !== undefined) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    this.agent?.close();
  }

  /** Why the agent stopped, if it did. */
  get failed(): string | undefined {
    return this.failure;
  }

  protected override point(message: PointMessage): void {
    this.ensureRunning();
    this.agent!.send({ kind: 'point', point: toUdfPoint(message) });
  }

  protected override batch(message: BatchMessage): void {
    this.ensureRunning();
    const byName = message.dimensions.byName;
    const agent = this.agent!;
    agent.send({
      kind: 'begin',
      begin: { name: message.name, group: message.group, tags: { ...message.tags }, size: BigInt(message.points.length), byName },
    });
    for (const p of message.points) {
      const point = emptyPoint();
      point.time = p.time;
      point.name = message.name;
      point.group = message.group;
      point.dimensions = [...message.dimensions.tagNames];
      point.byName = byName;
      point.tags = { ...p.tags };
      splitFields(p.fields, point);
      agent.send({ kind: 'point', point });
    }
    agent.send({
      kind: 'end',
      end: { name: message.name, group: message.group, tmax: message.tmax, tags: { ...message.tags }, byName },
    });
  }

  private ensureRunning(): void {
    if (this.failure !== undefined) throw new Error(`udf ${this.config.name} failed: ${this.failure}`);
  }

  private keepalive(): void {
    if (this.agent === undefined || !this.agent.usable) return;
    if (Date.now() - this.lastKeepalive > this.config.timeoutMs) {
      this.fail(`keepalive timedout, last keepalive received was: ${new Date(this.lastKeepalive).toISOString()}`);
      return;
    }
    this.agent.send({ kind: 'keepalive', time: BigInt(Date.now()) * 1_000_000n });
  }

  private response(response: UdfResponse): void {
    // Any answer shows the agent is alive.
    this.lastKeepalive = Date.now();
    switch (response.kind) {
      case 'keepalive':
        return;
      case 'init':
        // udf/server.go Server.Init
        if (!response.success) this.fail(`failed to initialize processes ${response.error}`);
        return;
      case 'error':
        // udf/server.go Server.handleResponse: the agent's text as it is
        this.fail(response.error);
        return;
      case 'point':
        if (this.openBatch !== undefined) this.openBatch.points.push(toBatchPoint(response.point));
        else this.emit(fromUdfPoint(response.point));
        return;
      case 'begin':
        this.openBatch = { begin: response.begin, points: [] };
        return;
      case 'end': {
        const open = this.openBatch;
        this.openBatch = undefined;
        if (open === undefined) return;
        this.emit(fromUdfBatch(open, response.end));
        return;
      }
      default:
        return;
    }
  }

  private fail(reason: string): void {
    if (this.failure !== undefined) return;
    this.failure = reason;
    this.errors++;
    this.ctx.logger.error({ task: this.ctx.taskId, node: this.name, udf: this.config.name, err: reason }, 'UDF failed');
    if (this.keepaliveTimer !== undefined) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    this.agent?.close(0);
    // udf.go UDFNode.runUDF returns the server's error: the task stops with it.
    this.fatal(new Error(reason));
  }
}

function optionValue(value: PropertyValue): OptionValue {
  const type = udfValueType(value);
  switch (type) {
    case 'BOOL':
      return { type, value: value === true };
    case 'INT':
      return { type, value: value as bigint };
    case 'DOUBLE':
      return { type, value: value as number };
    case 'STRING':
      return { type, value: value as string };
    case 'DURATION':
      return { type, value: (value as { ns: bigint }).ns };
  }
}

function splitFields(fields: Fields, point: UdfPoint): void {
  for (const key of Object.keys(fields)) {
    const value = fields[key]!;
    switch (typeof value) {
      case 'number':
        point.fieldsDouble[key] = value;
        break;
      case 'bigint':
        point.fieldsInt[key] = value;
        break;
      case 'string':
        point.fieldsString[key] = value;
        break;
      case 'boolean':
        point.fieldsBool[key] = value;
        break;
      default:
        break;
    }
  }
}

function toUdfPoint(message: PointMessage): UdfPoint {
  const point = emptyPoint();
  point.time = message.time;
  point.name = message.name;
  point.database = message.database;
  point.retentionPolicy = message.retentionPolicy;
  point.group = message.group;
  point.dimensions = [...message.dimensions.tagNames];
  point.byName = message.dimensions.byName;
  point.tags = { ...message.tags };
  splitFields(message.fields, point);
  return point;
}

function joinFields(point: UdfPoint): Fields {
  const fields: Fields = {};
  Object.assign(fields, point.fieldsDouble, point.fieldsInt, point.fieldsString, point.fieldsBool);
  return fields;
}

function fromUdfPoint(point: UdfPoint): PointMessage {
  const dimensions: Dimensions = { byName: point.byName, tagNames: sortedTagNames(point.dimensions) };
  const tags: Tags = point.tags;
  return pointMessage(
    point.name,
    point.database,
    point.retentionPolicy,
    tags,
    joinFields(point),
    point.time,
    groupIdOf(point.name, tags, dimensions),
    dimensions,
  );
}

function toBatchPoint(point: UdfPoint): BatchPoint {
  return { time: point.time, fields: joinFields(point), tags: point.tags };
}

function fromUdfBatch(open: OpenBatch, end: EndBatch): BatchMessage {
  const { begin } = open;
  const tags = Object.keys(end.tags).length > 0 ? end.tags : begin.tags;
  const name = end.name !== '' ? end.name : begin.name;
  const dimensions: Dimensions = { byName: begin.byName || end.byName, tagNames: sortedTagNames(Object.keys(tags)) };
  return batchMessage(name, tags, end.tmax, open.points, groupIdOf(name, tags, dimensions), dimensions);
}
