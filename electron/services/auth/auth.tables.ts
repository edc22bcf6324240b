import type { Language, Role } from '@shared/roles';

/** Row shape of the users table (migration 0001): the CHECK constraint holds `role` to the four roles. */
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  language: Language;
  secret_hash: string;
  failed_attempts: number;
  locked_at: string | null;
  disabled: number;
  created_at: string;
}

export interface AuthTables {
  users: UserTable;
}
