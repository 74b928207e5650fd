// Turns an alert node's handler property chains (`.post(url).header('k','v')`,
// `.slack().channel('#x')`) into handler kinds and option objects, the same options a topic
// handler spec carries (Kapacitor's option names), so one factory serves both.

import type { PropertyCall, PropertyValue } from '../pipeline/types.js';
import { formatGoDuration } from '../gofmt/duration.js';

export interface NodeHandlerSpec {
  kind: string;
  options: Record<string, unknown>;
}

/** TICKscript handler name → topic handler kind. */
export function handlerKind(property: string): string {
  return property.toLowerCase();
}

/** Property names whose option name differs from their kebab-case. */
const OPTION_NAMES: Record<string, Record<string, string>> = {
  kafka: { kafkaTopic: 'topic', disablePartitionById: 'disablePartitionById', partitionHashAlgorithm: 'partitionAlgorithm' },
  servicenow: { metricName: 'metric_name', messageKey: 'message_key', uRL: 'url' },
  alerta: { services: 'service', correlated: 'correlate' },
  opsgenie2: { recoveryAction: 'recovery_action' },
  pagerduty2: { serviceKey: 'routing-key' },
  zenoss: { uRL: 'url', eventClassKey: 'evclasskey', eventClass: 'evclass' },
};

/** Properties that add one key/value pair to a map option: property → option name. */
const MAP_PROPERTIES: Record<string, string> = { attribute: 'attributes', additionalInfo: 'additional_info', customField: 'customField' };

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function plain(value: PropertyValue): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && value !== null) {
    if (value.kind === 'duration') return formatGoDuration(value.ns);
    if (value.kind === 'regex') return value.source;
    if (value.kind === 'star') return '*';
  }
  return value;
}

/** First-argument meaning of handler calls that take arguments. */
function constructorOptions(kind: string, args: unknown[], options: Record<string, unknown>): void {
  switch (kind) {
    case 'post':
      if (args.length > 0) options['url'] = args[0];
      break;
    case 'tcp':
      options['address'] = args[0];
      break;
    case 'log':
      options['path'] = args[0];
      break;
    case 'exec':
      options['prog'] = args[0];
      options['args'] = args.slice(1);
      break;
    case 'email':
      if (args.length > 0) options['to'] = [...args];
      break;
    case 'mqtt':
      options['topic'] = args[0];
      break;
    case 'snmptrap':
      options['trap-oid'] = args[0];
      break;
  }
}

export function nodeHandlerSpec(call: PropertyCall): NodeHandlerSpec {
  const kind = handlerKind(call.name);
  const options: Record<string, unknown> = {};
  constructorOptions(kind, call.args.map(plain), options);
  for (const child of call.children ?? []) {
    const args = child.args.map(plain);
    switch (child.name) {
      case 'header': {
        const headers = (options['headers'] ??= {}) as Record<string, unknown>;
        headers[String(args[0])] = args[1];
        continue;
      }
      case 'to':
        options['to'] = [...((options['to'] as unknown[]) ?? []), ...args];
        continue;
      case 'link': {
        const links = (options['links'] ??= []) as unknown[];
        links.push(args.length > 1 ? { href: args[0], text: args[1] } : { href: args[0] });
        continue;
      }
      case 'metadata': {
        const metadata = (options['metadata'] ??= {}) as Record<string, unknown>;
        metadata[String(args[0])] = args[1];
        continue;
      }
      case 'data': {
        const list = (options['data-list'] ??= []) as unknown[];
        list.push({ oid: args[0], type: args[1], value: args[2] });
        continue;
      }
      case 'toTemplates':
        options['to-field'] = [...((options['to-field'] as unknown[]) ?? []), ...args];
        continue;
      case 'severityMap':
        options['severity-map'] = args;
        continue;
    }
    const mapOption = MAP_PROPERTIES[child.name];
    if (mapOption !== undefined) {
      const map = (options[mapOption] ??= {}) as Record<string, unknown>;
      map[String(args[0])] = args[1];
      continue;
    }
    const name = OPTION_NAMES[kind]?.[child.name] ?? kebab(child.name);
    if (args.length === 0) options[name] = true;
    else if (args.length === 1 && !['handlers', 'services', 'teams', 'recipients', 'correlated'].includes(child.name)) options[name] = args[0];
    else options[name] = args;
  }
  return { kind, options };
}
