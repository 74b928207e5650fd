// Sections Kapacitor reads that this server does not implement yet. They are accepted (a real
// kapacitor.conf must load) but never silently: an enabled one is reported at start, and strict
// mode refuses it. Holds names and reasons only; the loader decides what to print.

export interface UnsupportedSection {
  /** What the section does in Kapacitor, for the warning. */
  what: string;
  /** `[[name]]` in Kapacitor (a list of elements). */
  array?: boolean;
}

export const UNSUPPORTED_SECTIONS: Record<string, UnsupportedSection> = {
  azure: { what: 'Azure scraper discovery', array: true },
  consul: { what: 'Consul scraper discovery', array: true },
  gce: { what: 'GCE scraper discovery', array: true },
  marathon: { what: 'Marathon scraper discovery', array: true },
  nerve: { what: 'Nerve scraper discovery', array: true },
  serverset: { what: 'Serverset scraper discovery', array: true },
  triton: { what: 'Triton scraper discovery', array: true },
};

/** True when some element of the raw TOML value turns the section on. */
export function enabledIn(raw: unknown): boolean {
  const elements = Array.isArray(raw) ? raw : [raw];
  return elements.some((element) => typeof element === 'object' && element !== null && (element as Record<string, unknown>).enabled === true);
}
