import { basename } from 'node:path';

/**
 * `ledger-<BRANCH>-<UTC stamp>.sqlite`: sortable by name, so rotation and
 * "newest first" need no reading of the files. Only names of this shape are
 * ever listed or restored, so a restore cannot be pointed at any other file.
 */
const PATTERN = /^ledger-([A-Za-z0-9_-]+)-(\d{8}T\d{6}(?:\d{3})?Z)\.sqlite$/;

export function backupFileName(branchCode: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `ledger-${branchCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}.sqlite`;
}

export function parseBackupFileName(path: string): { branchCode: string; stamp: string } | null {
  const match = PATTERN.exec(basename(path));
  return match ? { branchCode: match[1]!, stamp: match[2]! } : null;
}

/** `20261207T012345123Z` back to an ISO time. */
export function stampToIso(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(stamp);
  if (!m) return stamp;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7] ?? '000'}Z`;
}
