// Kapacitor's log level names (DEBUG, INFO, WARN, ERROR, OFF, any case) mapped to pino's.

import type { LevelWithSilent } from 'pino';

const PINO_LEVELS: Record<string, LevelWithSilent> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
  OFF: 'silent',
};

export function pinoLevel(kapacitorLevel: string): LevelWithSilent {
  const level = PINO_LEVELS[kapacitorLevel.toUpperCase()];
  if (level === undefined) {
    throw new Error(`unknown log level ${JSON.stringify(kapacitorLevel)}, expected one of DEBUG, INFO, WARN, ERROR, OFF`);
  }
  return level;
}
