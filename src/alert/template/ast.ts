// The parsed form of a Go text/template: a list of text and action nodes, control structures
// with their branches, pipelines of commands. Pure data, built by parse.ts.

export type Operand =
  | { readonly kind: 'dot' }
  | { readonly kind: 'field'; readonly names: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly names: readonly string[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number | bigint }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline; readonly names: readonly string[] };

export interface Command {
  readonly args: readonly Operand[];
}

export interface Pipeline {
  /** Variables declared (`$x :=`) or assigned (`$x =`) by the pipeline. */
  readonly variables: readonly string[];
  readonly assign: boolean;
  readonly commands: readonly Command[];
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pipeline: Pipeline }
  | { readonly kind: 'if' | 'with' | 'range'; readonly pipeline: Pipeline; readonly list: TemplateNode[]; readonly elseList: TemplateNode[] | undefined }
  | { readonly kind: 'break' | 'continue' };
