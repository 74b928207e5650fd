// httpPost(urls...) / .endpoint(name): posts every point and batch as a JSON result row (or
// through the endpoint's row template) with .header()s, within .timeout. Posts go through a
// bounded queue and never hold up the pipeline; with .codeField(name) the message is emitted
// once its response arrived, carrying the status code (0 on failure) in that field.
// The URL is a Go template too, executed with the row (.Name, .Tags, .Values) of each post.
// As http_post.go: the endpoint's headers come first, then the JSON Content-Type (none for a
// row template), then the node's .header()s; a non-2xx answer is a node error, logged with the
// body under .captureResponse().

import { lazyRequire } from '../../util/lazy-require.js';
import { GoTime, StringMap, compileTemplate, type CompiledTemplate } from '../../alert/template/index.js';
import { allCalls, durationNs, hasProperty, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { toJSON } from '../json-body.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import type { TaskContext } from '../node.js';
import { QueueingNode } from '../queueing-node.js';
import { OutputQueue } from '../output-queue.js';
import { batchToRow, pointToRow, rowJSON, type Row } from '../rows.js';

const undici = lazyRequire<typeof import('undici')>('undici');

type Data = PointMessage | BatchMessage;

export class HttpPostNode extends QueueingNode<Data> {
  private readonly url: string;
  private readonly urlTemplate: CompiledTemplate | undefined;
  /** The endpoint's headers (and basic auth), below the Content-Type. */
  private readonly endpointHeaders: Record<string, string>;
  /** The node's .header()s, above everything. */
  private readonly headers: Record<string, string>;
  private readonly template: CompiledTemplate | undefined;
  private readonly timeoutMs: number;
  private readonly codeField: string;
  private readonly captureResponse: boolean;
  protected readonly queue: OutputQueue<Data>;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    const urls = spec.args.map(String);
    const endpointName = stringValue(spec, 'endpoint');
    this.headers = {};
    this.endpointHeaders = {};
    if (endpointName !== '') {
      const endpoint = ctx.services.httpPostEndpoint?.(endpointName);
      if (endpoint === undefined) throw new Error(`endpoint '${endpointName}' does not exist`);
      this.url = endpoint.url;
      setHeaders(this.endpointHeaders, endpoint.headers);
      if (endpoint.basicAuth !== undefined && endpoint.basicAuth.username !== '') {
        setHeaders(this.endpointHeaders, {
          Authorization: `Basic ${Buffer.from(`${endpoint.basicAuth.username}:${endpoint.basicAuth.password}`).toString('base64')}`,
        });
      }
      this.template = endpoint.rowTemplate ? compileTemplate(endpointName, endpoint.rowTemplate) : undefined;
    } else {
      if (urls.length === 0) throw new Error('httpPost: a URL or an endpoint is required');
      this.url = urls[0]!;
      this.template = undefined;
    }
    this.urlTemplate = this.url.includes('{{') ? compileTemplate('url', this.url) : undefined;
    for (const call of allCalls(spec, 'header')) setHeaders(this.headers, { [String(call.args[0])]: String(call.args[1]) });
    const timeout = durationNs(spec, 'timeout');
    this.timeoutMs = timeout === 0n ? 0 : Number(timeout / 1_000_000n);
    this.codeField = stringValue(spec, 'codeField');
    this.captureResponse = hasProperty(spec, 'captureResponse');
    this.queue = new OutputQueue<Data>({
      send: (message) => this.post(message),
      onError: (error) => this.error(error),
    });
    Object.assign(this.counters, { queued: 0, sent: 0, dropped: 0 });
  }

  /** The row as templates see it: .Name, .Tags and .Values (one map per row, time as a time). */
  private static templateData(row: Row, times: bigint[]): Record<string, unknown> {
    const values = row.values.map((v, r) => {
      const entry: Record<string, unknown> = {};
      row.columns.forEach((c, i) => {
        entry[c] = c === 'time' ? new GoTime(times[r]!) : v[i];
      });
      return entry;
    });
    return { Name: row.name, Tags: new StringMap(row.tags ?? {}), Values: values };
  }

  private body(row: Row, data: () => Record<string, unknown>): { body: string; contentType: string | undefined } {
    // Kapacitor posts a result: {"series": [row]}; a row template's text goes without a Content-Type.
    if (this.template === undefined) return { body: `${toJSON({ series: [rowJSON(row)] })}\n`, contentType: 'application/json' };
    return { body: this.template.execute(data()), contentType: undefined };
  }

  private async post(message: Data): Promise<void> {
    const row = message.type === 'point' ? pointToRow(message) : batchToRow(message);
    let code = 0;
    try {
      let data: Record<string, unknown> | undefined;
      const templateData = (): Record<string, unknown> => {
        data ??= HttpPostNode.templateData(row, message.type === 'point' ? [message.time] : message.points.map((p) => p.time));
        return data;
      };
      const { body, contentType } = this.body(row, templateData);
      const url = this.urlTemplate === undefined ? this.url : this.urlTemplate.execute(templateData());
      const headers: Record<string, string> = { ...this.endpointHeaders };
      if (contentType !== undefined) setHeaders(headers, { 'Content-Type': contentType });
      setHeaders(headers, this.headers);
      const response = await undici().request(url, {
        method: 'POST',
        headers,
        body,
        headersTimeout: this.timeoutMs || undefined,
        bodyTimeout: this.timeoutMs || undefined,
      });
      code = response.statusCode;
      const text = await response.body.text();
      if (Math.floor(code / 100) !== 2) {
        // http_post.go doPost: logged through the node's diagnostic, which counts an error.
        const err = this.captureResponse ? text : 'unknown error, use .captureResponse() to capture the HTTP response';
        this.errors++;
        this.ctx.logger.error({ node: this.name, code: String(code), err }, 'POST returned non 2xx status code');
      }
    } finally {
      if (this.codeField !== '') this.emitWithCode(message, code);
    }
  }

  private emitWithCode(message: Data, code: number): void {
    const value = BigInt(code);
    if (message.type === 'point') {
      this.emit({ ...message, fields: { ...message.fields, [this.codeField]: value } });
    } else {
      this.emit({ ...message, points: message.points.map((p) => ({ ...p, fields: { ...p.fields, [this.codeField]: value } })) });
    }
  }

  private enqueue(message: Data): void {
    this.queue.push(message);
    if (this.codeField === '') this.emit(message);
  }

  protected override point(p: PointMessage): void {
    this.enqueue(p);
  }
  protected override batch(b: BatchMessage): void {
    this.enqueue(b);
  }
}

/** Sets headers as Go's Header.Set does: one value per name, whatever its case. */
function setHeaders(into: Record<string, string>, from: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(from)) {
    const lower = name.toLowerCase();
    for (const existing of Object.keys(into)) if (existing.toLowerCase() === lower) delete into[existing];
    into[name] = value;
  }
}
