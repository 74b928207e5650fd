// The data alert id, message and details templates see, shaped as Kapacitor's Go structs
// (field order matters for the details template's `json .`): .Name .TaskName .Group .Tags
// .ServerInfo, then .ID .Fields .Level .Time .Duration, then .Message.

import type { FieldValue, Tags } from '../models/point.js';
import { GoDuration, GoTime, StringMap } from './template/index.js';

export class ServerInfo {
  constructor(
    readonly Hostname: string,
    readonly ClusterID: string,
    readonly ServerID: string,
  ) {}
}

export class IdInfo {
  constructor(
    readonly Name: string,
    readonly TaskName: string,
    readonly Group: string,
    readonly Tags: StringMap,
    readonly ServerInfo: ServerInfo,
  ) {}
}

export class MessageInfo extends IdInfo {
  constructor(
    base: IdInfo,
    readonly ID: string,
    readonly Fields: Record<string, FieldValue>,
    readonly Level: string,
    readonly Time: GoTime,
    readonly Duration: GoDuration,
  ) {
    super(base.Name, base.TaskName, base.Group, base.Tags, base.ServerInfo);
  }
}

export class DetailsInfo extends MessageInfo {
  constructor(
    base: MessageInfo,
    readonly Message: string,
  ) {
    super(base, base.ID, base.Fields, base.Level, base.Time, base.Duration);
  }
}

export function idInfo(name: string, taskName: string, group: string, tags: Tags, server: ServerInfo): IdInfo {
  return new IdInfo(name, taskName, group === '' ? 'nil' : group, new StringMap(tags), server);
}
