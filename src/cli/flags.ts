// Go `flag` package semantics for kapacitord and kapacitor: `-name value`, `-name=value`,
// `--name`, bool flags, repeatable list flags, stop at the first non-flag or `--`, Go's error
// wording and PrintDefaults usage text. Parsing never exits the process; callers decide.

import { formatGoDuration } from '../gofmt/duration.js';
import { msToNanos, parseGoDurationMs } from '../gofmt/duration.js';
import { goQuote } from '../gofmt/quote.js';
import { GoParseError, parseGoBool, parseGoFloat, parseGoInt } from '../gofmt/strconv.js';

/** A defined flag; `value` holds the default until parse sets it. */
export interface Flag<T> {
  readonly name: string;
  readonly usage: string;
  value: T;
  /** True once the command line set this flag. */
  isSet: boolean;
}

export interface ParseResult {
  /** `-h` or `-help` was given (and not defined as a flag). */
  help: boolean;
  /** Go's message, e.g. `flag provided but not defined: -x`. */
  error?: string;
  /** The arguments after the flags. */
  args: string[];
}

type Kind = 'bool' | 'string' | 'int' | 'float' | 'duration' | 'string-list';

interface FlagEntry {
  kind: Kind;
  flag: Flag<unknown>;
  defaultText: string;
  set(text: string): void;
}

const TYPE_NAMES: Record<Kind, string> = {
  bool: '',
  string: 'string',
  int: 'int',
  float: 'float',
  duration: 'duration',
  'string-list': 'value',
};
const ZERO_TEXT: Record<Kind, string> = {
  bool: 'false',
  string: '',
  int: '0',
  float: '0',
  duration: '0s',
  'string-list': '[]',
};

export class FlagSet {
  private readonly flags = new Map<string, FlagEntry>();

  constructor(readonly name: string) {}

  bool(name: string, defaultValue: boolean, usage: string): Flag<boolean> {
    return this.define(name, 'bool', defaultValue, String(defaultValue), usage, (flag, text) => {
      flag.value = parseGoBool(text);
    });
  }

  string(name: string, defaultValue: string, usage: string): Flag<string> {
    return this.define(name, 'string', defaultValue, defaultValue, usage, (flag, text) => {
      flag.value = text;
    });
  }

  int(name: string, defaultValue: number, usage: string): Flag<number> {
    return this.define(name, 'int', defaultValue, String(defaultValue), usage, (flag, text) => {
      flag.value = parseGoInt(text);
    });
  }

  float(name: string, defaultValue: number, usage: string): Flag<number> {
    return this.define(name, 'float', defaultValue, String(defaultValue), usage, (flag, text) => {
      flag.value = parseGoFloat(text);
    });
  }

  /** A Go duration flag (`-past 1h`); the value is in milliseconds. */
  duration(name: string, defaultMs: number, usage: string): Flag<number> {
    return this.define(name, 'duration', defaultMs, formatGoDuration(msToNanos(defaultMs)), usage, (flag, text) => {
      try {
        flag.value = parseGoDurationMs(text);
      } catch {
        throw new GoParseError('parse error');
      }
    });
  }

  /** A repeatable flag (`-dbrp a.b -dbrp c.d`); each occurrence appends. */
  stringList(name: string, usage: string): Flag<string[]> {
    return this.define<string[]>(name, 'string-list', [], '[]', usage, (flag, text) => {
      flag.value = [...flag.value, text];
    });
  }

  /**
   * A repeatable flag whose occurrences `parse` turns into values (Go's flag.Var with a slice);
   * `parse` throws FlagValueError to refuse a value, its message becoming Go's reason.
   */
  list<T>(name: string, usage: string, parse: (text: string) => T): Flag<T[]> {
    return this.define<T[]>(name, 'string-list', [], '[]', usage, (flag, text) => {
      flag.value = [...flag.value, parse(text)];
    });
  }

  /** Parses argv (without the program name). Flags not given keep their defaults. */
  parse(argv: readonly string[]): ParseResult {
    const args = [...argv];
    while (args.length > 0) {
      const arg = args[0]!;
      if (arg.length < 2 || arg[0] !== '-') break;
      const dashes = arg[1] === '-' ? 2 : 1;
      if (dashes === 2 && arg.length === 2) {
        args.shift();
        break;
      }
      const body = arg.slice(dashes);
      if (body === '' || body[0] === '-' || body[0] === '=') return { help: false, error: `bad flag syntax: ${arg}`, args };
      args.shift();
      const equals = body.indexOf('=');
      const name = equals === -1 ? body : body.slice(0, equals);
      let value = equals === -1 ? undefined : body.slice(equals + 1);
      const entry = this.flags.get(name);
      if (entry === undefined) {
        if (name === 'h' || name === 'help') return { help: true, args };
        return { help: false, error: `flag provided but not defined: -${name}`, args };
      }
      if (entry.kind === 'bool') {
        try {
          entry.set(value ?? 'true');
        } catch (error) {
          return { help: false, error: `invalid boolean value ${goQuote(value!)} for -${name}: ${reason(error)}`, args };
        }
        continue;
      }
      if (value === undefined) {
        if (args.length === 0) return { help: false, error: `flag needs an argument: -${name}`, args };
        value = args.shift()!;
      }
      try {
        entry.set(value);
      } catch (error) {
        return { help: false, error: `invalid value ${goQuote(value)} for flag -${name}: ${reason(error)}`, args };
      }
    }
    return { help: false, args };
  }

  /** `Usage of NAME:` followed by the flag defaults. */
  usage(): string {
    return `Usage of ${this.name}:\n${this.defaults()}`;
  }

  /** The flag list as Go's PrintDefaults prints it, sorted by name. */
  defaults(): string {
    let out = '';
    for (const name of [...this.flags.keys()].sort()) {
      const entry = this.flags.get(name)!;
      const { typeName, usage } = unquoteUsage(entry);
      let line = `  -${name}`;
      if (typeName !== '') line += ` ${typeName}`;
      line += line.length <= 4 ? '\t' : '\n    \t';
      line += usage.replaceAll('\n', '\n    \t');
      if (entry.defaultText !== ZERO_TEXT[entry.kind]) {
        line += entry.kind === 'string' ? ` (default ${goQuote(entry.defaultText)})` : ` (default ${entry.defaultText})`;
      }
      out += `${line}\n`;
    }
    return out;
  }

  /** The flag named `name`, if defined. */
  lookup(name: string): Flag<unknown> | undefined {
    return this.flags.get(name)?.flag;
  }

  private define<T>(name: string, kind: Kind, value: T, defaultText: string, usage: string, apply: (flag: Flag<T>, text: string) => void): Flag<T> {
    if (this.flags.has(name)) throw new Error(`${this.name} flag redefined: ${name}`);
    const flag: Flag<T> = { name, usage, value, isSet: false };
    this.flags.set(name, {
      kind,
      flag: flag,
      defaultText,
      set: (text) => {
        apply(flag, text);
        flag.isSet = true;
      },
    });
    return flag;
  }
}

/** Go's UnquoteUsage: a `back-quoted` word in the usage names the value. */
function unquoteUsage(entry: FlagEntry): { typeName: string; usage: string } {
  const usage = entry.flag.usage;
  const open = usage.indexOf('`');
  const close = open === -1 ? -1 : usage.indexOf('`', open + 1);
  if (close !== -1) {
    return { typeName: usage.slice(open + 1, close), usage: usage.slice(0, open) + usage.slice(open + 1, close) + usage.slice(close + 1) };
  }
  return { typeName: TYPE_NAMES[entry.kind], usage };
}

/** A value a custom flag refuses; the message is what Go prints after the flag name. */
export class FlagValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagValueError';
  }
}

function reason(error: unknown): string {
  if (error instanceof GoParseError) return error.reason;
  return error instanceof FlagValueError ? error.message : 'parse error';
}
