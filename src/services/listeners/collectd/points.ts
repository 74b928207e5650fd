// collectd value lists → points, as InfluxDB's collectd service makes them. split (Kapacitor
// 1.5): one point per value, measurement "<plugin>_<data source>", field "value". join: one
// point per value list, measurement "<plugin>", one field per data source. Tags host,
// instance, type and type_instance when set. NaN values are dropped (counted by the caller).

import type { Point } from '../../../models/point.js';
import type { ValueList } from './packet.js';
import type { TypesDB } from './typesdb.js';

export interface CollectdTarget {
  database: string;
  retentionPolicy: string;
  join: boolean;
}

/** The name of value i: from types.db, else "value" for a single value, else its index. */
export function dataSourceName(types: TypesDB, list: ValueList, index: number): string {
  const names = types.get(list.type);
  if (names !== undefined && index < names.length) return names[index]!;
  return list.values.length === 1 ? 'value' : String(index);
}

/** Appends the points of one value list to out; returns how many values were NaN. */
export function valueListPoints(list: ValueList, types: TypesDB, target: CollectdTarget, out: Point[]): number {
  const tags: Record<string, string> = {};
  if (list.host !== '') tags.host = list.host;
  if (list.pluginInstance !== '') tags.instance = list.pluginInstance;
  if (list.type !== '') tags.type = list.type;
  if (list.typeInstance !== '') tags.type_instance = list.typeInstance;
  let dropped = 0;
  if (target.join) {
    const fields: Record<string, number> = {};
    list.values.forEach((value, index) => {
      if (Number.isNaN(value)) dropped++;
      else fields[dataSourceName(types, list, index)] = value;
    });
    if (Object.keys(fields).length > 0) {
      out.push({ name: list.plugin, tags, fields, time: list.time, database: target.database, retentionPolicy: target.retentionPolicy });
    }
    return dropped;
  }
  list.values.forEach((value, index) => {
    if (Number.isNaN(value)) {
      dropped++;
      return;
    }
    out.push({
      name: `${list.plugin}_${dataSourceName(types, list, index)}`,
      tags,
      fields: { value },
      time: list.time,
      database: target.database,
      retentionPolicy: target.retentionPolicy,
    });
  });
  return dropped;
}
