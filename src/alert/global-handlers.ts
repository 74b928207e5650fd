// Services configured with `global = true` ([smtp], [[slack]], [pagerduty2], ...) receive
// every alert event, optionally only level changes (`state-changes-only`), as in Kapacitor.

import type { Config } from '../config/sections.js';

export interface GlobalHandler {
  /** Stable key: kind plus workspace. */
  key: string;
  kind: string;
  options: Record<string, unknown>;
  stateChangesOnly: boolean;
}

type Flags = { enabled: boolean; global: boolean; stateChangesOnly?: boolean };

const SINGLE: Array<[keyof Config, string]> = [
  ['smtp', 'email'],
  ['pagerduty', 'pagerduty'],
  ['pagerduty2', 'pagerduty2'],
  ['opsgenie', 'opsgenie'],
  ['opsgenie2', 'opsgenie2'],
  ['victorops', 'victorops'],
  ['telegram', 'telegram'],
  ['teams', 'teams'],
  ['servicenow', 'servicenow'],
  ['bigpanda', 'bigpanda'],
  ['zenoss', 'zenoss'],
  ['hipchat', 'hipchat'],
];

export function globalHandlers(config: Partial<Config>): GlobalHandler[] {
  const out: GlobalHandler[] = [];
  for (const [section, kind] of SINGLE) {
    const flags = config[section] as Flags | undefined;
    if (flags?.enabled && flags.global) out.push({ key: kind, kind, options: {}, stateChangesOnly: flags.stateChangesOnly ?? false });
  }
  for (const [section, kind] of [
    ['slack', 'slack'],
    ['discord', 'discord'],
  ] as const) {
    for (const element of config[section] ?? []) {
      if (element.enabled && element.global) {
        out.push({ key: `${kind}:${element.workspace}`, kind, options: { workspace: element.workspace }, stateChangesOnly: element.stateChangesOnly });
      }
    }
  }
  return out;
}
