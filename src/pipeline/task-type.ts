// Task type detection from the script, as Kapacitor does it on every create and update: the
// source (`stream` / `batch`) at the head of each top-level chain statement or chain
// declaration decides; none, or both kinds, is an invalid task type.

import type { Node, ProgramNode } from '../tick/ast.js';
import { TickEvalError } from './errors.js';

/** Kapacitor's refusal of a script whose type cannot be told (not a TICKscript error). */
export class TaskTypeError extends TickEvalError {}

function isChain(node: Node): boolean {
  return node.kind === 'binary' && (node.operator === '|' || node.operator === '.' || node.operator === '@');
}

/** The identifier at the head of a chain (`stream` in `stream|from().measurement('m')`). */
function chainHead(chain: Node): string | undefined {
  let node = chain;
  while (node.kind === 'binary' && isChain(node)) node = node.left;
  return node.kind === 'identifier' ? node.ident : undefined;
}

export function detectTaskType(program: ProgramNode): 'stream' | 'batch' {
  const found = new Set<string>();
  for (const statement of program.nodes) {
    const chain = statement.kind === 'declaration' ? statement.right : statement;
    if (!isChain(chain)) continue;
    const head = chainHead(chain);
    if (head === 'stream' || head === 'batch') found.add(head);
  }
  if (found.size !== 1) throw new TaskTypeError('invalid task type: invalid');
  return found.has('stream') ? 'stream' : 'batch';
}
