// One way for every command-line tool to read its arguments: Node's own `parseArgs` (node:util,
// maintained with Node, no dependency) in strict mode, so an unknown or malformed option is
// refused instead of silently ignored. `--help` prints the usage on stdout and exits 0; a bad
// option prints what was wrong and the usage on stderr and exits 2 (the tools' usage code).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<T extends Options> {
  usage: string;
  options: T;
  allowPositionals?: boolean;
  argv?: string[];
}

/** Prints `message` and the usage on stderr and ends the process with the usage code 2. */
export function usageError(usage: string, message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: true; options: T & typeof HELP }>>;

export const readCli = <T extends Options>(spec: CliSpec<T>): Parsed<T> => {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({
      args: spec.argv ?? process.argv.slice(2),
      strict: true,
      // Typed as allowed; refused below when the tool takes none, with the usage.
      allowPositionals: true,
      options: { ...spec.options, ...HELP },
    });
  } catch (error) {
    return usageError(spec.usage, error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${spec.usage}\n`);
    process.exit(0);
  }
  if (!spec.allowPositionals && parsed.positionals.length > 0) usageError(spec.usage, `unexpected argument ${parsed.positionals[0]}`);
  return parsed;
};
