// Alert levels in Kapacitor's order (OK < INFO < WARNING < CRITICAL) and their names.

export const OK = 0;
export const INFO = 1;
export const WARNING = 2;
export const CRITICAL = 3;
export type Level = 0 | 1 | 2 | 3;

export const LEVEL_NAMES = ['OK', 'INFO', 'WARNING', 'CRITICAL'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];

export function levelName(level: Level): LevelName {
  return LEVEL_NAMES[level];
}

/** Parses a level name (case-insensitive); undefined when unknown. */
export function parseLevel(name: string): Level | undefined {
  const index = LEVEL_NAMES.indexOf(name.toUpperCase() as LevelName);
  return index < 0 ? undefined : (index as Level);
}
