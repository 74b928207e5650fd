// Builds the server's pino logger from the [logging] section: Kapacitor's level names, file
// STDERR / STDOUT / a path, records with Kapacitor's ts / lvl / msg fields, and an optional
// LogTap fed the same lines (JSON; the file gets logfmt or JSON). Child loggers carry service and task fields.

import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoLevel } from './levels.js';
import type { LogTap } from './log-tap.js';
import { LogfmtStream } from './logfmt.js';

export interface LoggingSettings {
  /** "STDERR", "STDOUT" or a file path. */
  file: string;
  /** DEBUG, INFO, WARN, ERROR or OFF (any case). */
  level: string;
  /** logfmt (Kapacitor's look) or json; json when absent. The tap always receives JSON. */
  format?: string;
}

/**
 * The server-wide log level, changeable while running (POST /kapacitor/v1/loglevel). Pino
 * copies a level into every child logger when it is made, so the root logs at every level
 * and one hook, inherited by all children, drops what is below this threshold.
 */
export class LevelControl {
  private threshold: number;

  constructor(kapacitorLevel: string) {
    this.threshold = pino.levels.values[pinoLevel(kapacitorLevel)] ?? Infinity;
  }

  /** Sets the level by Kapacitor's name (any case); throws for an unknown name. */
  set(kapacitorLevel: string): void {
    const level = pinoLevel(kapacitorLevel);
    this.threshold = level === 'silent' ? Infinity : pino.levels.values[level]!;
  }

  enabled(levelValue: number): boolean {
    return levelValue >= this.threshold;
  }
}

export interface LoggerOptions {
  /** Makes the level changeable at run time; its level wins over settings.level. */
  levelControl?: LevelControl;
  /** Also feed every written line to this tap. */
  tap?: LogTap;
  /** Write here instead of `file` (tests). */
  destination?: DestinationStream;
}

export function createLogger(settings: LoggingSettings, options: LoggerOptions = {}): Logger {
  const level = pinoLevel(settings.level);
  const opened = options.destination ?? openDestination(settings.file);
  const destination = settings.format === 'logfmt' ? new LogfmtStream(opened) : opened;
  const stream =
    options.tap === undefined
      ? destination
      : pino.multistream([
          { stream: destination, level: 'trace' },
          { stream: options.tap, level: 'trace' },
        ]);
  const control = options.levelControl;
  return pino(
    {
      level: control === undefined ? level : 'trace',
      ...(control === undefined
        ? {}
        : {
            hooks: {
              logMethod(args, method, levelValue) {
                if (control.enabled(levelValue)) method.apply(this, args);
              },
            },
          }),
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ lvl: label }) },
    },
    stream,
  );
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
