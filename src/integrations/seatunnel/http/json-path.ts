// The JSONPath subset SeaTunnel's Http source uses in content_field and json_field:
// $, .key, ['key'], [n], [*] (and .* ), evaluated to the list of matching values.

export function jsonPath(value: unknown, path: string): unknown[] {
  const steps: string[] = [];
  const pattern = /\.([A-Za-z_$][\w$-]*)|\['([^']*)'\]|\[(\d+|\*)\]|\.\*/g;
  const text = path.trim().replace(/^\$/, '');
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(text)) !== null) {
    if (match.index !== consumed) throw new Error(`unsupported JSONPath ${path}`);
    consumed = pattern.lastIndex;
    steps.push(match[1] ?? match[2] ?? match[3] ?? '*');
  }
  if (consumed !== text.length) throw new Error(`unsupported JSONPath ${path}`);
  let current: unknown[] = [value];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      if (step === '*') next.push(...(Array.isArray(item) ? item : Object.values(item)));
      else if (Array.isArray(item) && /^\d+$/.test(step)) {
        if (item[Number(step)] !== undefined) next.push(item[Number(step)]);
      } else if (!Array.isArray(item) && step in item) next.push((item as Record<string, unknown>)[step]);
    }
    current = next;
  }
  return current;
}
