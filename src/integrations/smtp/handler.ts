// The `email` alert handler: sends the message as subject and the details as HTML body over
// SMTP ([smtp]: host, port, credentials, from, default recipients) through nodemailer.

import type { Transporter } from 'nodemailer';
import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { stringListOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import type { SmtpConfig } from '../../config/sections.js';
import { compileTemplate, type CompiledTemplate } from '../../alert/template/index.js';

/** nodemailer is loaded with the first mail sent, so a server that sends none never loads it. */
let nodemailerModule: Promise<typeof import('nodemailer').default> | undefined;

export class EmailHandler implements AlertHandler {
  private transport: { key: string; transporter: Transporter } | undefined;
  private toTemplates: CompiledTemplate[] | undefined;

  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  private transporter(nodemailer: typeof import('nodemailer').default, config: SmtpConfig): Transporter {
    const key = JSON.stringify([config.host, config.port, config.username, config.password, config.noVerify]);
    if (this.transport?.key !== key) {
      this.transport?.transporter.close();
      const transporter = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.port === 465,
        auth: config.username !== '' ? { user: config.username, pass: config.password } : undefined,
        tls: { rejectUnauthorized: !config.noVerify },
        pool: true,
        socketTimeout: 30_000,
      });
      this.transport = { key, transporter };
    }
    return this.transport.transporter;
  }

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().smtp;
    if (config === undefined) throw new Error('smtp: not configured');
    const explicit = [...stringListOption(this.options, 'to'), ...this.templatedRecipients(event)];
    const to = explicit.length > 0 ? explicit : config.to;
    if (to.length === 0) throw new Error('smtp: no recipients');
    const nodemailer = await (nodemailerModule ??= import('nodemailer').then((loaded) => loaded.default));
    await this.transporter(nodemailer, config).sendMail({
      from: config.from,
      to,
      subject: event.state.message,
      html: event.state.details,
    });
  }

  /** .toTemplates(): addresses rendered from the event's data (Name, TaskName, Group, Tags, Fields). */
  private templatedRecipients(event: AlertEvent): string[] {
    const sources = stringListOption(this.options, 'to-field');
    if (sources.length === 0) return [];
    this.toTemplates ??= sources.map((source, index) => compileTemplate(String(index), source));
    const data = { Name: event.name, TaskName: event.taskName, Group: event.group, Tags: event.tags, Fields: event.fields };
    return this.toTemplates.map((template) => template.execute(data)).filter((address) => address !== '');
  }

  close(): void {
    this.transport?.transporter.close();
    this.transport = undefined;
  }
}
