import type { Migration } from 'kysely';
import * as m0001 from './0001-branch-users-audit';

/**
 * Imported statically, not read from a folder: a folder-reading provider breaks
 * inside a packaged app. Append new migrations; never edit a released one.
 */
export const migrations: Record<string, Migration> = {
  '0001-branch-users-audit': m0001,
};
