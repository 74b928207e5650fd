// Finds the line of a key in the TOML text, so value errors can say "(line 7)". A best-effort
// scan of headers and `key =` lines; it never fails, it only gives up (undefined).

export interface KeyLocation {
  /** TOML section name; undefined for top-level keys. */
  section?: string;
  /** Element index within a [[section]] array. */
  index?: number;
  key: string;
}

export function locateKey(text: string, where: KeyLocation): number | undefined {
  const lines = text.split(/\r?\n/);
  let header: string | undefined;
  let arrayIndex = -1;
  const counts = new Map<string, number>();
  for (let number = 0; number < lines.length; number++) {
    const line = lines[number]!.trim();
    const table = /^(\[\[?)\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (table !== null) {
      header = unquote(table[2]!);
      if (table[1] === '[[') {
        arrayIndex = counts.get(header) ?? 0;
        counts.set(header, arrayIndex + 1);
      } else if (!header.includes('.')) {
        arrayIndex = 0;
      }
      const sectionHeader = where.section === undefined ? where.key : `${where.section}.${where.key}`;
      if ((header === sectionHeader || (where.section === undefined && header.startsWith(`${where.key}.`))) && inElement(where, arrayIndex)) return number + 1;
      continue;
    }
    if (header !== where.section && !(where.section === undefined && header === undefined)) continue;
    if (!inElement(where, arrayIndex)) continue;
    const assignment = /^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=/.exec(line);
    if (assignment !== null && unquote(assignment[1]!) === where.key) return number + 1;
  }
  return undefined;
}

function inElement(where: KeyLocation, arrayIndex: number): boolean {
  return where.index === undefined || where.index === arrayIndex;
}

function unquote(name: string): string {
  return /^(".*"|'.*')$/.test(name) ? name.slice(1, -1) : name;
}
