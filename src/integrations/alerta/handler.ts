// The `alerta` alert handler: posts an Alerta alert (resource, event, environment, severity
// from the level, group, value, text, origin, services) to URL/alert with the API token.

import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { objectOption, stringListOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { postJSON } from '../../alert/http-send.js';
import { CRITICAL, INFO, levelName, WARNING } from '../../alert/levels.js';
import { compileTemplate, GoDuration, GoTime } from '../../alert/template/index.js';
import { DetailsInfo, idInfo, MessageInfo, ServerInfo } from '../../alert/template-data.js';

function severity(level: number): string {
  return level === CRITICAL ? 'critical' : level === WARNING ? 'warning' : level === INFO ? 'informational' : 'ok';
}

export class AlertaHandler implements AlertHandler {
  constructor(
    private readonly options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {}

  /** Alerta's resource/event/group/value options are templates over the event. */
  private render(name: string, fallback: string, event: AlertEvent): string {
    const source = stringOption(this.options, name, fallback);
    if (!source.includes('{{')) return source;
    const base = idInfo(event.name, event.taskName, event.group, event.tags, new ServerInfo('', '', ''));
    const info = new MessageInfo(
      base,
      event.id,
      event.fields,
      levelName(event.state.level),
      new GoTime(event.state.time),
      new GoDuration(event.state.duration),
    );
    return compileTemplate(name, source).execute(new DetailsInfo(info, event.state.message));
  }

  async handle(event: AlertEvent): Promise<void> {
    const config = this.context.config().alerta;
    const url = `${(config?.url ?? '').replace(/\/+$/, '')}/alert`;
    const token = stringOption(this.options, 'token', config?.token ?? '');
    const headers: Record<string, string> = {};
    if (token !== '') headers['Authorization'] = `${config?.tokenPrefix ?? 'Bearer'} ${token}`;
    const services = stringListOption(this.options, 'service');
    await postJSON(
      url,
      {
        resource: this.render('resource', '{{ .Name }}', event),
        event: this.render('event', '{{ .ID }}', event),
        environment: stringOption(this.options, 'environment', config?.environment ?? ''),
        severity: severity(event.state.level),
        group: this.render('group', '{{ .Group }}', event),
        value: this.render('value', '', event),
        text: event.state.message,
        origin: stringOption(this.options, 'origin', config?.origin ?? 'kapacitor'),
        service: services.length > 0 ? services : [event.name],
        ...(stringListOption(this.options, 'correlate').length > 0 ? { correlate: stringListOption(this.options, 'correlate') } : {}),
        ...(Object.keys(objectOption(this.options, 'attributes')).length > 0 ? { attributes: objectOption(this.options, 'attributes') } : {}),
        type: 'kapacitorAlert',
        rawData: event.state.details,
      },
      { headers, insecureSkipVerify: config?.insecureSkipVerify ?? false },
    );
  }
}
