// Reading a node's recorded property calls: the last call of a property (last one wins) or
// every call (accumulating properties). Shared by validation and the engine.

import type { PipelineNode, PropertyCall, PropertyValue } from './types.js';

type HasProperties = Pick<PipelineNode, 'properties'>;

export function lastCall(node: HasProperties, name: string): PropertyCall | undefined {
  for (let i = node.properties.length - 1; i >= 0; i--) {
    if (node.properties[i]!.name === name) return node.properties[i];
  }
  return undefined;
}

export function allCalls(node: HasProperties, name: string): PropertyCall[] {
  return node.properties.filter((p) => p.name === name);
}

/** First argument of the last call, e.g. `.period(10s)` → the duration. */
export function propertyValue(node: HasProperties, name: string): PropertyValue | undefined {
  return lastCall(node, name)?.args[0];
}

export function hasProperty(node: HasProperties, name: string): boolean {
  return lastCall(node, name) !== undefined;
}

/** A duration property in nanoseconds, 0n when unset. */
export function durationNs(node: HasProperties, name: string): bigint {
  const value = propertyValue(node, name);
  return typeof value === 'object' && !Array.isArray(value) && value.kind === 'duration' ? value.ns : 0n;
}

export function stringValue(node: HasProperties, name: string): string {
  const value = propertyValue(node, name);
  return typeof value === 'string' ? value : '';
}

export function intValue(node: HasProperties, name: string): bigint {
  const value = propertyValue(node, name);
  return typeof value === 'bigint' ? value : 0n;
}
