// Builds the server's pino logger from the [logging] section: Kapacitor's level names, file
// STDERR / STDOUT / a path, records with Kapacitor's ts / lvl / msg fields, and an optional
// LogTap fed the same lines. Child loggers carry service and task fields.

import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoLevel } from './levels.js';
import type { LogTap } from './log-tap.js';

export interface LoggingSettings {
  /** "STDERR", "STDOUT" or a file path. */
  file: string;
  /** DEBUG, INFO, WARN, ERROR or OFF (any case). */
  level: string;
}

export interface LoggerOptions {
  /** Also feed every written line to this tap. */
  tap?: LogTap;
  /** Write here instead of `file` (tests). */
  destination?: DestinationStream;
}

export function createLogger(settings: LoggingSettings, options: LoggerOptions = {}): Logger {
  const level = pinoLevel(settings.level);
  const destination = options.destination ?? openDestination(settings.file);
  const stream = options.tap === undefined
    ? destination
    : pino.multistream([{ stream: destination, level: 'trace' }, { stream: options.tap, level: 'trace' }]);
  return pino({
    level,
    base: undefined,
    messageKey: 'msg',
    timestamp: () => `,"ts":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ lvl: label }) },
  }, stream);
}

function openDestination(file: string): DestinationStream {
  switch (file.toUpperCase()) {
    case 'STDERR':
    case '':
      return pino.destination(2);
    case 'STDOUT':
      return pino.destination(1);
    default:
      return pino.destination({ dest: file, mkdir: true, append: true });
  }
}

/** The logger of one service, e.g. `serviceLogger(root, 'task_store')`. */
export function serviceLogger(logger: Logger, service: string): Logger {
  return logger.child({ service });
}

/** The logger of one running task: `{service: 'kapacitor', task: id}`. */
export function taskLogger(logger: Logger, taskId: string): Logger {
  return logger.child({ service: 'kapacitor', task: taskId });
}
