// The `snmptrap` alert handler: sends an SNMPv2c trap with the configured trap OID and data
// list ({oid, type, value} where value is a template over the event) through net-snmp.

import type * as NetSnmp from 'net-snmp';

/** net-snmp is loaded with the first trap sent, so a server that sends none never loads it. */
let snmpModule: Promise<typeof NetSnmp> | undefined;
function loadSnmp(): Promise<typeof NetSnmp> {
  return (snmpModule ??= import('net-snmp').then((loaded) => loaded.default));
}
import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { levelName } from '../../alert/levels.js';
import { DetailsInfo, idInfo, MessageInfo, ServerInfo } from '../../alert/template-data.js';
import { compileTemplate, GoDuration, GoTime, type CompiledTemplate } from '../../alert/template/index.js';
import { splitHostPort } from '../tcp/handler.js';

/** Kapacitor's data types: c counter, i integer, n null, o OID, s string, t timeticks, a address, d decimal string, u unsigned. */
const TYPES: Record<string, string> = {
  c: 'Counter32',
  i: 'Integer',
  n: 'Null',
  o: 'OID',
  s: 'OctetString',
  t: 'TimeTicks',
  a: 'IpAddress',
  d: 'OctetString',
  u: 'Gauge32',
};

interface DataItem {
  oid: string;
  type: string;
  value: CompiledTemplate;
}

export class SnmpTrapHandler implements AlertHandler {
  private readonly trapOid: string;
  private readonly data: DataItem[];

  constructor(
    options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {
    this.trapOid = stringOption(options, 'trap-oid');
    if (this.trapOid === '') throw new HandlerOptionError('snmptrap: trap-oid must be provided');
    const list = options['data-list'] ?? [];
    if (!Array.isArray(list)) throw new HandlerOptionError('snmptrap: data-list must be a list');
    this.data = list.map((item: Record<string, unknown>) => {
      const type = String(item['type'] ?? 's');
      if (TYPES[type] === undefined) throw new HandlerOptionError(`snmptrap: unsupported data type ${JSON.stringify(type)}`);
      return { oid: String(item['oid'] ?? ''), type, value: compileTemplate('snmp', String(item['value'] ?? '')) };
    });
  }

  async handle(event: AlertEvent): Promise<void> {
    const snmp = await loadSnmp();
    const config = this.context.config().snmptrap;
    const { host, port } = splitHostPort(config?.addr ?? 'localhost:162');
    const base = idInfo(event.name, event.taskName, event.group, event.tags, new ServerInfo('', '', ''));
    const info = new DetailsInfo(
      new MessageInfo(base, event.id, event.fields, levelName(event.state.level), new GoTime(event.state.time), new GoDuration(event.state.duration)),
      event.state.message,
    );
    const varbinds = this.data.map((item) => {
      const text = item.value.execute(info);
      const type = snmp.ObjectType[TYPES[item.type]!]!;
      const numeric = item.type === 'c' || item.type === 'i' || item.type === 't' || item.type === 'u';
      return { oid: item.oid, type, value: numeric ? Number(text) : item.type === 'n' ? null : text };
    });
    return new Promise((resolve, reject) => {
      const session = snmp.createSession(host, config?.community ?? 'kapacitor', {
        version: snmp.Version2c,
        trapPort: port,
        retries: config?.retries ?? 1,
        timeout: 5000,
      });
      session.on('error', reject);
      session.trap(this.trapOid, varbinds, (error) => {
        session.close();
        if (error) reject(error);
        else resolve();
      });
    });
  }
}
