// Go text/template (and html/template's escaping for alert details), our own subset: compile
// once per alert node, execute per event. Data uses GoTime/GoDuration/StringMap for Go types.

import type { TemplateNode } from './ast.js';
import { executeTemplate, type EscapeMode } from './execute.js';
import { parseTemplate } from './parse.js';

export { TemplateError } from './errors.js';
export { GoDuration, GoTime, StringMap, formatRFC3339Nano, formatGoTime } from './values.js';
export type { EscapeMode } from './execute.js';

export class CompiledTemplate {
  private readonly nodes: TemplateNode[];
  /** The template is plain text without actions: execution returns it as is. */
  private readonly constant: string | undefined;

  constructor(
    readonly name: string,
    readonly source: string,
    private readonly mode: EscapeMode = 'text',
  ) {
    this.nodes = parseTemplate(name, source);
    const only = this.nodes.length === 1 ? this.nodes[0] : undefined;
    this.constant = this.nodes.length === 0 ? '' : only?.kind === 'text' ? only.text : undefined;
  }

  /** Renders the template; throws TemplateError on an execution error. */
  execute(data: unknown): string {
    if (this.constant !== undefined) return this.constant;
    return executeTemplate(this.name, this.nodes, data, this.mode);
  }
}

/** Parses a template; throws TemplateError ("template: id:1: ...") for syntax errors. */
export function compileTemplate(name: string, source: string, mode: EscapeMode = 'text'): CompiledTemplate {
  return new CompiledTemplate(name, source, mode);
}
