// The `post` alert handler: POSTs the alert data JSON (or the endpoint's alert template) to a
// URL, or to a named [[httppost]] endpoint with its headers and basic auth.

import { readFileSync } from 'node:fs';
import { alertDataJSON, resultJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import {
  HandlerOptionError,
  durationOptionMs,
  boolOption,
  stringMapOption,
  stringOption,
  type HandlerContext,
  type HandlerOptions,
} from '../../alert/handler-context.js';
import { sendHTTP } from '../../alert/http-send.js';
import { levelName } from '../../alert/levels.js';
import { compileTemplate, GoDuration, GoTime, type CompiledTemplate } from '../../alert/template/index.js';

/** The data an [[httppost]] alert template sees (Kapacitor's alert data fields). */
class AlertTemplateData {
  constructor(
    readonly ID: string,
    readonly Message: string,
    readonly Details: string,
    readonly Time: GoTime,
    readonly Duration: GoDuration,
    readonly Level: string,
    readonly Data: unknown,
    readonly PreviousLevel: string,
    readonly Recoverable: boolean,
  ) {}
}

function templateData(event: AlertEvent): AlertTemplateData {
  return new AlertTemplateData(
    event.id,
    event.state.message,
    event.state.details,
    new GoTime(event.state.time),
    new GoDuration(event.state.duration),
    levelName(event.state.level),
    JSON.parse(resultJSON(event.series)),
    levelName(event.previousLevel),
    event.recoverable,
  );
}

interface Target {
  url: string;
  headers: Record<string, string>;
  template: CompiledTemplate | undefined;
}

export class PostHandler implements AlertHandler {
  /** Backlogged events are posted over several connections (per-id order kept). */
  readonly concurrency = 16;
  private readonly url: string;
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly insecure: boolean;
  private cachedTemplate: { source: string; template: CompiledTemplate } | undefined;

  constructor(
    options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {
    this.url = stringOption(options, 'url');
    this.endpoint = stringOption(options, 'endpoint');
    this.headers = stringMapOption(options, 'headers');
    this.timeoutMs = durationOptionMs(options, 'timeout', 30_000) || 30_000;
    this.insecure = boolOption(options, 'skip-ssl-verification');
    if (this.url === '' && this.endpoint === '') throw new HandlerOptionError('post: one of url or endpoint must be provided');
  }

  private target(): Target {
    if (this.url !== '') return { url: this.url, headers: { ...this.headers }, template: undefined };
    const endpoints = this.context.config().httppost ?? [];
    const endpoint = endpoints.find((candidate) => candidate.endpoint === this.endpoint);
    if (endpoint === undefined) throw new Error(`httppost endpoint ${JSON.stringify(this.endpoint)} does not exist`);
    const headers: Record<string, string> = { ...endpoint.headers, ...this.headers };
    const auth = endpoint.basicAuth;
    if (auth !== undefined && (auth.username !== '' || auth.password !== '')) {
      headers['Authorization'] = 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    }
    let source = endpoint.alertTemplate;
    if (source === '' && endpoint.alertTemplateFile !== '') source = readFileSync(endpoint.alertTemplateFile, 'utf8');
    let template: CompiledTemplate | undefined;
    if (source !== '') {
      if (this.cachedTemplate?.source !== source) this.cachedTemplate = { source, template: compileTemplate('alert', source) };
      template = this.cachedTemplate.template;
    }
    return { url: endpoint.url, headers, template };
  }

  async handle(event: AlertEvent): Promise<void> {
    const target = this.target();
    const body = target.template === undefined ? alertDataJSON(event) : target.template.execute(templateData(event));
    const headers = { 'Content-Type': 'application/json', ...target.headers };
    await sendHTTP(target.url, body, { headers, timeoutMs: this.timeoutMs, insecureSkipVerify: this.insecure });
  }
}
