// Graphite templates as InfluxDB 1.x reads them: "[filter] template [tag=value,...]". A
// template names each dot-separated part of a metric path: measurement, field, a tag key, or
// nothing (skipped); measurement* and field* take the rest of the path. Filters pick the
// template per metric, the most specific filter winning (an exact part beats "*").
// Pure functions and data; validation errors are thrown as Error with InfluxDB's wording.

export interface Template {
  parts: string[];
  /** Tags of this template, given after it. */
  tags: Record<string, string>;
  separator: string;
}

export interface Applied {
  measurement: string;
  tags: Record<string, string>;
  field: string;
}

export function newTemplate(pattern: string, tags: Record<string, string>, separator: string): Template {
  const parts = pattern.split('.');
  if (!parts.some((part) => part.startsWith('measurement'))) throw new Error(`no measurement specified for template. ${JSON.stringify(pattern)}`);
  return { parts, tags, separator };
}

/** Splits a metric path by the template; an empty measurement means "use the whole path". */
export function applyTemplate(template: Template, path: string): Applied {
  const pieces = path.split('.');
  const tagParts: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(template.tags)) (tagParts[key] ??= []).push(value);
  if (template.parts.includes('measurement*') && template.parts.includes('field*')) {
    throw new Error(
      `either 'field*' or 'measurement*' can be used in each template (but not both together): ${JSON.stringify(template.parts.join(template.separator))}`,
    );
  }
  const measurement: string[] = [];
  let field = '';
  for (let i = 0; i < template.parts.length && i < pieces.length; i++) {
    const part = template.parts[i]!;
    if (part === 'measurement') {
      measurement.push(pieces[i]!);
    } else if (part === 'field') {
      if (field !== '') throw new Error(`'field' can only be used once in each template: ${JSON.stringify(path)}`);
      field = pieces[i]!;
    } else if (part === 'field*') {
      field = pieces.slice(i).join(template.separator);
      break;
    } else if (part === 'measurement*') {
      measurement.push(...pieces.slice(i));
      break;
    } else if (part !== '') {
      (tagParts[part] ??= []).push(pieces[i]!);
    }
  }
  const tags: Record<string, string> = {};
  for (const [key, values] of Object.entries(tagParts)) tags[key] = values.join(template.separator);
  return { measurement: measurement.join(template.separator), tags, field };
}

interface FilterNode {
  value: string;
  /** Sorted by value, "*" last. */
  children: FilterNode[];
  template: Template | undefined;
}

/** Templates by filter; a metric takes the template of the most specific matching filter. */
export class TemplateMatcher {
  private readonly root: FilterNode = { value: '', children: [], template: undefined };
  private fallback: Template;

  constructor(fallback: Template) {
    this.fallback = fallback;
  }

  add(filter: string, template: Template): void {
    if (filter === '') {
      this.fallback = template;
      return;
    }
    let node = this.root;
    for (const value of filter.split('.')) {
      let child = node.children.find((c) => c.value === value);
      if (child === undefined) {
        // A new "*" node inherits its parent's template, as InfluxDB's tree does.
        child = { value, children: [], template: value === '*' ? node.template : undefined };
        node.children.push(child);
        node.children.sort(compareNodes);
      }
      node = child;
    }
    node.template = template;
  }

  match(path: string): Template {
    return search(this.root, path.split('.'), 0) ?? this.fallback;
  }
}

function compareNodes(a: FilterNode, b: FilterNode): number {
  if (a.value === '*' && b.value !== '*') return 1;
  if (a.value !== '*' && b.value === '*') return -1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

function search(node: FilterNode, pieces: string[], index: number): Template | undefined {
  if (index >= pieces.length || node.children.length === 0) return node.template;
  const piece = pieces[index]!;
  const exact = node.children.find((child) => child.value === piece && child.value !== '*');
  if (exact !== undefined) return search(exact, pieces, index + 1);
  const last = node.children[node.children.length - 1]!;
  if (last.value === '*') return search(last, pieces, index + 1);
  return node.template;
}

/** Parses "key=value" pairs (comma-separated) as the config gives them. */
export function parseTagList(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new Error(`invalid template tags: '${pair}'`);
    tags[parts[0]!] = parts[1]!;
  }
  return tags;
}

/** Checks the [[graphite]] templates and tags as InfluxDB validates them at start. */
export function validateGraphite(templates: readonly string[], tags: readonly string[]): void {
  const filters = new Set<string>();
  templates.forEach((text, position) => {
    const words = text
      .trim()
      .split(/\s+/)
      .filter((word) => word !== '');
    if (words.length === 0) throw new Error(`missing template at position: ${position}`);
    if (words.length > 3) throw new Error(`invalid template format: '${text}'`);
    const { filter, pattern, tagText } = splitTemplateWords(words);
    if (!pattern.split('.').some((part) => part === 'measurement' || part === 'measurement*')) {
      throw new Error(`no measurement in template \`${pattern}\``);
    }
    if (filters.has(filter)) throw new Error(`duplicate filter '${filter}' found at position: ${position}`);
    filters.add(filter);
    for (const part of filter === '' ? [] : filter.split('.')) {
      if (part === '') throw new Error(`filter contains blank section: ${filter}`);
      if (part.includes('*') && part !== '*') throw new Error(`invalid filter wildcard section: ${filter}`);
    }
    if (tagText !== '') parseTagList(tagText);
  });
  for (const tag of tags) parseTagList(tag);
}

/** "[filter] template [tags]" → its three pieces ('' when absent). */
export function splitTemplateWords(words: string[]): { filter: string; pattern: string; tagText: string } {
  if (words.length === 1) return { filter: '', pattern: words[0]!, tagText: '' };
  if (words[1]!.includes('=')) return { filter: '', pattern: words[0]!, tagText: words[1]! };
  return { filter: words[0]!, pattern: words[1]!, tagText: words[2] ?? '' };
}
