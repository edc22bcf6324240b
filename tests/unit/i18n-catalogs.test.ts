import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ERROR_CODES } from '@shared/contract';
import { LANGUAGES, ROLES } from '@shared/roles';
import { CLIENT_ERROR_CODES } from '../../renderer/src/api/call-failure';
import { ar } from '../../renderer/src/i18n/ar';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';

const catalogs: Record<string, Record<string, string>> = { fr, en, ar };

/** Every argument an ICU message reads, inside plural and select branches too. */
function argumentsOf(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.literal || element.type === TYPE.pound) return [];
    const own = 'value' in element && typeof element.value === 'string' ? [element.value] : [];
    const nested = 'options' in element ? Object.values(element.options).flatMap((option) => argumentsOf(option.value)) : [];
    const children = 'children' in element ? argumentsOf(element.children) : [];
    return [...own, ...nested, ...children];
  });
}
const frenchKeys = Object.keys(fr).sort();
const RENDERER_SRC = resolve(import.meta.dirname, '..', '..', 'renderer', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Literal keys handed to t()/tryT(), tile labels (`label: '…'`) and sign-in notices (`endSession('…')`). */
function keysUsedInSource(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\b(?:t|tryT)\(\s*'([^'`]+)'/g, /\blabel:\s*'([a-z][\w.-]*\.[\w.-]+)'/g, /\b(?:endSession|signedOut)\(\s*'([^']+)'/g];
  for (const file of sourceFiles(RENDERER_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) used.set(match[1]!, file);
    }
  }
  return used;
}

describe('i18n catalogs', () => {
  test.each(Object.keys(catalogs))('%s has exactly the French keys, none empty', (language) => {
    const catalog = catalogs[language]!;
    expect(Object.keys(catalog).sort()).toEqual(frenchKeys);
    const empty = Object.entries(catalog).filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  test.each(Object.keys(catalogs))('%s keeps the same {placeholders} as French', (language) => {
    // The ICU arguments each message reads ({amount}, {count, plural, …}), found by FormatJS's own parser.
    const placeholders = (text: string) => [...new Set(argumentsOf(parse(text)))].sort();
    const catalog = catalogs[language]!;
    const mismatched = frenchKeys.filter(
      (key) => JSON.stringify(placeholders(catalog[key]!)) !== JSON.stringify(placeholders(fr[key as keyof typeof fr])),
    );
    expect(mismatched).toEqual([]);
  });

  test('every error code of the contract and of the client has a message', () => {
    for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) expect(frenchKeys).toContain(`error.${code}`);
  });

  test('every role and language has a name', () => {
    for (const role of ROLES) expect(frenchKeys).toContain(`role.${role}`);
    for (const language of LANGUAGES) expect(frenchKeys).toContain(`language.${language}`);
  });

  test('every key the renderer uses exists in the catalogs', () => {
    const used = keysUsedInSource();
    // The scan itself must find the renderer's keys, or this test would pass on nothing.
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !frenchKeys.includes(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
