// Shared pieces of the alert handler tests: a sample event and a handler context over a
// test configuration.

import pino from 'pino';
import { newEvent, type AlertEvent } from '../../../src/alert/event.js';
import type { HandlerContext } from '../../../src/alert/handler-context.js';
import type { Level } from '../../../src/alert/levels.js';
import type { Config } from '../../../src/config/sections.js';

export function sampleEvent(level: Level, id = 'cpu:host=a'): AlertEvent {
  return newEvent({
    topic: 'main:task:alert2',
    id,
    state: { message: `${id} is level ${level}`, details: 'some details', time: 31_536_000_000_000_000n, duration: 5_000_000_000n, level },
    recoverable: true,
    series: [{ name: 'cpu', tags: { host: 'a' }, columns: ['time', 'value'], values: [['1971-01-01T00:00:00Z', 97.5]] }],
    taskName: 'task',
    name: 'cpu',
    group: 'host=a',
    tags: { host: 'a' },
    fields: { value: 97.5 },
    category: '',
  });
}

export function contextWith(config: Partial<Config>): HandlerContext {
  return { logger: pino({ level: 'silent' }), config: () => config };
}
