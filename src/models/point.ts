// The data model every layer shares: points with tags and typed fields, and nanosecond times.
// Hot path: plain objects only; no classes with getters, no Maps per point.

/**
 * A field value. Integers (line protocol `i`, and `u`) are bigint so they stay exact int64
 * and stay distinct from floats, as TICKscript's type rules need; floats are number. null is
 * the value a join's `.fill('null')` gives the fields of a missing parent (Kapacitor's nil): JSON
 * outputs show it, line protocol leaves it out, lambdas see it as a missing value.
 */
export type FieldValue = number | bigint | string | boolean | null;

export type Tags = Record<string, string>;
export type Fields = Record<string, FieldValue>;

/** Epoch nanoseconds, exact. */
export type TimeNs = bigint;

export interface Point {
  /** Measurement name. */
  name: string;
  /**
   * Shared and frozen: the parser hands every point of a series the same tags object.
   * Never mutate it; make a new object to change tags.
   */
  tags: Readonly<Tags>;
  fields: Fields;
  time: TimeNs;
  database: string;
  retentionPolicy: string;
}
