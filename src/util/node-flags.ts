// Reads the V8/Node flags the process was started with: on the command line (execArgv) or in
// NODE_OPTIONS, in either spelling (dashes or underscores), `--flag=value` or `--flag value`.
// For code that applies a default only when the operator chose none. Pure; never sets a flag.

/**
 * The value given for `--name` (the command line over NODE_OPTIONS, the last one of each), ''
 * when it was given without one, undefined when it was not given.
 */
export function givenNodeFlag(name: string, execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)--${name.replace(/-/g, '[-_]')}(?:(?:=|\\s+)(?!-)(\\S+))?(?=\\s|$)`, 'g');
  let given: string | undefined;
  for (const text of [nodeOptions ?? '', execArgv.join(' ')]) {
    for (const match of text.matchAll(pattern)) given = match[1] ?? '';
  }
  return given;
}
