// Builds a task's pipeline from its parsed TICKscript: evaluates var declarations (template
// vars included), chain / property / dynamic calls against the node catalogue, dbrp
// statements, then runs Kapacitor's node validation. Throws TickEvalError with Kapacitor's
// messages. Pure: no I/O.

import type { DeclarationNode, FunctionNode, Node, ProgramNode, TypeDeclarationNode } from '../tick/ast.js';
import { nodeSpec } from './catalogue/index.js';
import { addStats, callMethod, type CallContext, type UdfInfo } from './call.js';
import { evalBinary, evalUnary } from './constant-eval.js';
import { DEFAULT_DEADMAN, expandDeadman, type DeadmanConfig } from './deadman.js';
import { formatGoDuration } from '../gofmt/duration.js';
import { goQuote } from '../gofmt/quote.js';
import { walkOrder } from './dot.js';
import { positioned, TickEvalError } from './errors.js';
import { BuildGraph, type BuildNode } from './graph.js';
import { resolveLambdaVars } from './lambda-vars.js';
import { Scope } from './scope.js';
import { detectTaskType } from './task-type.js';
import { isVarType, userVarValue, valueTypeName, varJSONValue, varTypeOf, zeroValue, type TemplateVar, type TemplateVarJSON } from './template-vars.js';
import type { DBRP, DurationValue, Pipeline } from './types.js';
import { validatePipeline } from './validate.js';
import type { EvalValue } from './values.js';

export { TickEvalError } from './errors.js';
export { TaskTypeError } from './task-type.js';
export type { TemplateVar, TemplateVarJSON } from './template-vars.js';
export type { UdfInfo } from './call.js';
export type { DeadmanConfig } from './deadman.js';

export interface BuildOptions {
  /** The task's declared type; detected from the script when absent. */
  taskType?: 'stream' | 'batch';
  /** User-supplied vars (a task created from a template, or vars overriding defaults). */
  vars?: Record<string, TemplateVar>;
  /** Templates: typed declarations without a value get their type's zero value. */
  ignoreMissingVars?: boolean;
  /** Configured UDFs, callable as `@name()`. */
  udfs?: Record<string, UdfInfo>;
  /** The `[deadman]` id and message templates, and the global switch. */
  deadman?: DeadmanConfig;
}

const GLOBAL_FUNCTIONS = ['time'];

class Evaluator {
  readonly scope = new Scope(GLOBAL_FUNCTIONS);
  readonly dbrps: DBRP[] = [];
  readonly defaults: Record<string, TemplateVarJSON> = {};

  constructor(
    private readonly ctx: CallContext,
    private readonly vars: Record<string, TemplateVar>,
    private readonly ignoreMissingVars: boolean,
  ) {}

  statement(node: Node): void {
    switch (node.kind) {
      case 'declaration':
        return this.declaration(node);
      case 'typeDeclaration':
        return this.typeDeclaration(node);
      case 'dbrp':
        this.dbrps.push({ db: node.db.reference, rp: node.rp.reference });
        return;
      case 'comment':
        return;
      default:
        this.expression(node);
    }
  }

  private declaration(node: DeclarationNode): void {
    const name = node.left.ident;
    let value = this.expression(node.right);
    if (this.scope.has(name) || GLOBAL_FUNCTIONS.includes(name)) {
      throw new TickEvalError(`attempted to redefine ${name}, vars are immutable`);
    }
    const type = varTypeOf(value);
    if (type !== undefined) this.defaults[name] = { type, value: varJSONValue(value), description: description(node) };
    const supplied = this.vars[name];
    if (supplied !== undefined) {
      if (supplied.type !== type) {
        throw new TickEvalError(
          `invalid type supplied for ${name}, got ${typeLabel(supplied.type)} exp ${type === undefined ? 'invalid type' : valueTypeName(type)}`,
        );
      }
      value = userVarValue(name, supplied);
    }
    this.scope.declare(name, value);
  }

  private typeDeclaration(node: TypeDeclarationNode): void {
    const type = node.type.ident;
    if (!isVarType(type)) throw new TickEvalError(`invalid var type ${JSON.stringify(type)}`);
    const name = node.node.ident;
    this.defaults[name] = { type, value: null, description: description(node) };
    const supplied = this.vars[name];
    let value: EvalValue;
    if (supplied !== undefined) {
      if (supplied.type !== type) {
        throw new TickEvalError(`invalid type supplied for ${name}, got ${typeLabel(supplied.type)} exp ${valueTypeName(type)}`);
      }
      value = userVarValue(name, supplied);
    } else if (this.ignoreMissingVars) {
      value = zeroValue(type);
    } else {
      throw new TickEvalError(`missing value for var ${JSON.stringify(name)}.`);
    }
    this.scope.declare(name, value);
  }

  expression(node: Node): EvalValue {
    switch (node.kind) {
      case 'number':
        return node.isInt ? node.int64 : node.float64;
      case 'duration':
        return { kind: 'duration', ns: node.duration, literal: node.literal };
      case 'bool':
        return node.value;
      case 'string':
        return node.literal;
      case 'regex':
        return { kind: 'regex', source: node.literal };
      case 'star':
        return { kind: 'star' };
      case 'list':
        return node.nodes.map((n) => this.expression(n));
      case 'identifier':
        return this.scope.get(node.ident);
      case 'reference':
        return { kind: 'reference', reference: node.reference };
      case 'unary':
        return evalUnary(node.position, node.operator, this.expression(node.node));
      case 'lambda':
        return { kind: 'lambda', expression: resolveLambdaVars(node.expression, this.scope) };
      case 'function':
        return this.globalCall(node);
      case 'binary': {
        if (node.operator === '|' || node.operator === '.' || node.operator === '@') {
          const target = this.expression(node.left);
          if (node.right.kind !== 'function') {
            throw positioned(node.position, `invalid right operand of type ${astTypeName(node.right)} to '${node.operator}' operator`);
          }
          const args = node.right.args.map((arg) => this.expression(arg));
          return callMethod(this.ctx, target, node.right, args);
        }
        // tick/eval.go resolves the variables of an operator expression outside a lambda, then
        // evaluates it in an empty scope: its first field reference (left to right) is an
        // undefined name there
        const reference = firstReference(node);
        if (reference !== undefined) {
          this.resolveIdentifiers(node);
          throw new TickEvalError(`name ${goQuote(reference)} is undefined. Names in scope: `);
        }
        return evalBinary(node.operator, this.expression(node.left), this.expression(node.right));
      }
      default:
        throw positioned(node.position, `unexpected ${node.kind} in expression`);
    }
  }

  /** Looks up every variable of an operator expression (throws for an undefined one). */
  private resolveIdentifiers(node: Node): void {
    if (node.kind === 'identifier') this.scope.get(node.ident);
    else if (node.kind === 'unary') this.resolveIdentifiers(node.node);
    else if (node.kind === 'binary') {
      this.resolveIdentifiers(node.left);
      this.resolveIdentifiers(node.right);
    }
  }

  private globalCall(node: FunctionNode): EvalValue {
    const args = node.args.map((arg) => this.expression(arg));
    if (!this.scope.isGlobalFunction(node.func)) {
      throw positioned(node.position, `no global function ${JSON.stringify(node.func)} defined`);
    }
    const [length, offset] = args;
    const isDuration = (v: EvalValue | undefined): v is DurationValue => typeof v === 'object' && !Array.isArray(v) && v.kind === 'duration';
    if (!isDuration(length) || args.length > 2 || (offset !== undefined && !isDuration(offset))) {
      throw positioned(node.position, `error calling func ${JSON.stringify(node.func)}: expected time(duration[, offset])`);
    }
    return offset === undefined ? { kind: 'time', length } : { kind: 'time', length, offset };
  }
}

/** Kapacitor's Go type name of an AST node (`*ast.IdentifierNode`). */
function astTypeName(node: Node): string {
  const name = node.kind === 'typeDeclaration' ? 'TypeDeclaration' : node.kind === 'dbrp' ? 'DBRP' : node.kind[0]!.toUpperCase() + node.kind.slice(1);
  return `*ast.${name}Node`;
}

function description(node: DeclarationNode | TypeDeclarationNode): string {
  return (node.comment?.comments ?? []).join('\n');
}

function typeLabel(type: string): string {
  return isVarType(type) ? valueTypeName(type) : type;
}

function evaluate(program: ProgramNode, type: 'stream' | 'batch', opts: BuildOptions): { evaluator: Evaluator; graph: BuildGraph } {
  const graph = new BuildGraph();
  const ctx: CallContext = { graph, udfs: opts.udfs ?? {}, deadman: opts.deadman ?? DEFAULT_DEADMAN };
  const evaluator = new Evaluator(ctx, opts.vars ?? {}, opts.ignoreMissingVars ?? false);
  const source = graph.create(nodeSpec(type), {
    wants: type === 'stream' ? 'stream' : 'none',
    provides: type,
    position: program.position,
  });
  graph.addSource(source);
  evaluator.scope.declare(type, { kind: 'node', node: source });
  for (const node of program.nodes) evaluator.statement(node);
  if (ctx.deadman.global === true) addGlobalDeadman(graph, source, ctx.deadman, program.position);
  return { evaluator, graph };
}

/** `[deadman] global = true`: Kapacitor's source.deadman(threshold, interval), after the script. */
function addGlobalDeadman(graph: BuildGraph, source: BuildNode, config: DeadmanConfig, position: ProgramNode['position']): void {
  const ns = config.intervalNs ?? 10_000_000_000n;
  const interval: DurationValue = { kind: 'duration', ns, literal: formatGoDuration(ns) };
  const stats = addStats(graph, source, interval, position);
  expandDeadman(graph, source, stats, [config.threshold ?? 0, interval], position, config);
}

/** Evaluates and validates a script into its pipeline. */
export function buildPipeline(program: ProgramNode, opts: BuildOptions = {}): Pipeline {
  const type = opts.taskType ?? detectTaskType(program);
  const { evaluator, graph } = evaluate(program, type, opts);
  const pipeline: Pipeline = { type, nodes: graph.finish(), dbrps: evaluator.dbrps };
  validatePipeline(walkOrder(pipeline));
  return pipeline;
}

/**
 * The vars a script declares, in Kapacitor's vars JSON shape: typed declarations (value null)
 * and plain declarations with their default values. Nodes assigned to vars are not listed.
 */
export function listTemplateVars(program: ProgramNode, taskType?: 'stream' | 'batch'): Record<string, TemplateVarJSON> {
  const type = taskType ?? detectTaskType(program);
  return evaluate(program, type, { ignoreMissingVars: true }).evaluator.defaults;
}

/** The first field reference of an operator expression, left operand first. */
function firstReference(node: Node): string | undefined {
  switch (node.kind) {
    case 'reference':
      return node.reference;
    case 'unary':
      return firstReference(node.node);
    case 'binary':
      return firstReference(node.left) ?? firstReference(node.right);
    default:
      return undefined;
  }
}
