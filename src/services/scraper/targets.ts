// From a discovered target group to scrape targets, as Prometheus' target labelling does for
// Kapacitor's scrapers (which have no relabel rules of their own): the group labels and the
// address, then job, __scheme__ and __metrics_path__ where the group set none, __param_<name>
// from params; the address gets the scheme's default port when it has none, instance is the
// address unless set, and labels starting with __ steer the URL and are dropped.
// Pure functions.

import type { TargetGroup } from './discovery/discoverer.js';

export interface ScrapeSettings {
  /** The job label: Kapacitor encodes "db|rp|name". */
  job: string;
  scheme: string;
  metricsPath: string;
  params: Record<string, string[]>;
}

export interface Target {
  url: string;
  /** The labels every sample of the target carries (job and instance included). */
  labels: Record<string, string>;
}

export function groupTargets(group: TargetGroup, settings: ScrapeSettings): Target[] {
  return group.targets.map((address) => target({ ...group.labels, __address__: address }, settings));
}

export function target(discovered: Record<string, string>, settings: ScrapeSettings): Target {
  const labels: Record<string, string> = { ...discovered };
  labels.job ??= settings.job;
  labels.__scheme__ ??= settings.scheme;
  labels.__metrics_path__ ??= settings.metricsPath;
  for (const [name, values] of Object.entries(settings.params)) if (values.length > 0) labels[`__param_${name}`] = values[0]!;
  let address = labels.__address__ ?? '';
  if (!hasPort(address)) address = `${address}:${labels.__scheme__ === 'https' ? 443 : 80}`;
  labels.__address__ = address;
  labels.instance ??= address;
  // As Prometheus: a __param_<name> label replaces the first value of that parameter.
  const params: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(settings.params)) params[name] = [...values];
  for (const [name, value] of Object.entries(labels)) {
    if (!name.startsWith('__param_')) continue;
    const key = name.slice(8);
    if ((params[key]?.length ?? 0) > 0) params[key]![0] = value;
    else params[key] = [value];
  }
  const query = new URLSearchParams();
  for (const name of Object.keys(params).sort()) for (const value of params[name]!) query.append(name, value);
  const search = query.toString();
  const url = `${labels.__scheme__}://${address}${labels.__metrics_path__}${search === '' ? '' : `?${search}`}`;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) if (!name.startsWith('__')) kept[name] = value;
  return { url, labels: kept };
}

function hasPort(address: string): boolean {
  return /^\[.*\]:\d+$/.test(address) || /^[^:]*:\d+$/.test(address);
}
