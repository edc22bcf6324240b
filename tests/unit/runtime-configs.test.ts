import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser-host';

// One tsconfig per runtime (`npm run typecheck` checks each): shared/ sees neither the DOM nor
// Node, the page sees no Node, the services and shells see no DOM. Each case compiles one
// line under a config, as if it were a file of that folder, and reads the compiler's verdict.

function errorsOf(configName: string, file: string, code: string): string[] {
  const { config } = ts.readConfigFile(join(ROOT, configName), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const path = join(ROOT, file);
  const host = ts.createCompilerHost(parsed.options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === path ? ts.createSourceFile(name, code, language) : readSource(name, language, ...rest);
  // The config's own declaration files (shared's few allowed globals), not its whole source tree.
  const declarations = parsed.fileNames.filter((name) => name.endsWith('.d.ts'));
  const program = ts.createProgram({ rootNames: [...declarations, path], options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(path)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

const cases: Array<[string, string, string, boolean]> = [
  ['tsconfig.shared.json', 'shared/x.ts', 'export const title = document.title;', false],
  ['tsconfig.shared.json', 'shared/x.ts', 'export const home = process.env.HOME;', false],
  ['tsconfig.shared.json', 'shared/x.ts', "export const bytes = Buffer.from('x');", false],
  ['tsconfig.shared.json', 'shared/x.ts', 'export const bytes = crypto.getRandomValues(new Uint8Array(4));', true],
  ['tsconfig.renderer.json', 'renderer/src/x.ts', 'export const home = process.env.HOME;', false],
  ['tsconfig.renderer.json', 'renderer/src/x.ts', 'export const title = document.title;', true],
  ['tsconfig.node.json', 'electron/services/x.ts', 'export const title = document.title;', false],
  ['tsconfig.node.json', 'electron/services/x.ts', 'export const home = process.env.HOME;', true],
];

/** Loading the Node types takes seconds on a busy machine: a bound no load reaches, not a speed check. */
const COMPILE_TIMEOUT_MS = 120_000;

describe('one tsconfig per runtime', () => {
  it.each(cases)('%s, %s: %s compiles=%s', (configName, file, code, compiles) => {
    const errors = errorsOf(configName, file, code);
    if (compiles) expect(errors).toEqual([]);
    else expect(errors.join('\n')).toMatch(/Cannot find name/);
  }, COMPILE_TIMEOUT_MS);
});
