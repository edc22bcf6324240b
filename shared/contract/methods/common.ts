import { z } from 'zod';
import { LANGUAGES, ROLES } from '../../roles';
import { code, secret } from '../text';

export const Username = code(32).min(2).regex(/^[a-z0-9._-]+$/, 'lowercase letters, digits, . _ -');
/** A PIN (4–8 digits) or a password (8+ characters); both go through the same KDF. */
export const Secret = secret(128).min(4);
export const RoleSchema = z.enum(ROLES);
export const LanguageSchema = z.enum(LANGUAGES);
export const IsoTime = z.string();
export const Ok = z.object({ ok: z.literal(true) });
export const Empty = z.object({}).strict();

/** A supervisor's credentials keyed in at the clerk's window to approve one action. */
export const ApprovalCredentials = z.strictObject({ username: Username, secret: Secret });
export type ApprovalCredentials = z.infer<typeof ApprovalCredentials>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  language: LanguageSchema,
});
export type UserView = z.infer<typeof UserView>;
