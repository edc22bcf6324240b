import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `head-office.json` in the data folder, written by the technician's settings
 * screen. No password and no client key here: they live in the SecretStore.
 * Certificates are public, so pasted ones (`caPem`, `certPem`) are kept here.
 * Absent file: the embedded demo head office.
 */
export const HeadOfficeSettings = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('demo') }),
  z.object({
    mode: z.literal('configured'),
    host: z.string().min(1),
    port: z.number().int().positive().default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    sslmode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).default('verify-full'),
    caFile: z.string().nullable().default(null),
    certFile: z.string().nullable().default(null),
    keyFile: z.string().nullable().default(null),
    caPem: z.string().nullable().optional(),
    certPem: z.string().nullable().optional(),
  }),
]);
export type HeadOfficeSettings = z.infer<typeof HeadOfficeSettings>;

export const headOfficeSettingsFile = (dataDir: string): string => join(dataDir, 'head-office.json');

export function readHeadOfficeSettings(dataDir: string): HeadOfficeSettings {
  let text: string;
  try {
    text = readFileSync(headOfficeSettingsFile(dataDir), 'utf8');
  } catch {
    return { mode: 'demo' };
  }
  return HeadOfficeSettings.parse(JSON.parse(text));
}

/** Written whole and renamed into place: a crash never leaves half a settings file. */
export function writeHeadOfficeSettings(dataDir: string, settings: HeadOfficeSettings): void {
  const file = headOfficeSettingsFile(dataDir);
  const checked = HeadOfficeSettings.parse(settings);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
