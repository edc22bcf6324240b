import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `head-office.json` in the data folder, written by the technician. No password
 * here: it lives in the SecretStore. Absent file: the embedded demo head office.
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
