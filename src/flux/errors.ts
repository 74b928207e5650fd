// Flux diagnostics: every lexer, parser and compile error carries the source position it is
// about, and prints as Flux does (`error @line:col-line:col: message`). Never thrown without one.

export interface Position {
  line: number;
  column: number;
}

export interface Location {
  start: Position;
  end: Position;
}

export class FluxError extends Error {
  constructor(
    readonly reason: string,
    readonly loc: Location,
  ) {
    super(`error @${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}: ${reason}`);
    this.name = 'FluxError';
  }
}

/** A compile-time error (unknown identifier, unsupported function, wrong argument). */
export class FluxCompileError extends FluxError {
  constructor(reason: string, loc: Location) {
    super(reason, loc);
    this.name = 'FluxCompileError';
  }
}
