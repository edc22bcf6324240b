/** The people who use the counter. `supervisor` is the branch manager. */
export const ROLES = ['clerk', 'supervisor', 'technician', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
