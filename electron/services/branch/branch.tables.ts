import type { Language } from '@shared/roles';

/** One row: the branch this database belongs to (migration 0001). `demo` marks the sample branch. */
export interface BranchTable {
  id: number;
  code: string;
  name: string;
  country: string;
  currency: string;
  language: Language;
  demo: number;
  created_at: string;
}

export interface BranchTables {
  branch: BranchTable;
}
