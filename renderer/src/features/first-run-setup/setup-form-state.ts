import { BranchSetup } from '@shared/contract';
import type { Language } from '@shared/roles';

/** The form as typed: flat strings, turned into the contract's BranchSetup on submit. */
export interface SetupFields {
  code: string;
  name: string;
  country: string;
  currency: string;
  language: Language;
  supervisorUsername: string;
  supervisorName: string;
  supervisorSecret: string;
  technicianUsername: string;
  technicianName: string;
  technicianSecret: string;
}

export type SetupField = keyof SetupFields;

export const EMPTY_SETUP: SetupFields = {
  code: '',
  name: '',
  country: 'DJ',
  currency: 'DJF',
  language: 'fr',
  supervisorUsername: '',
  supervisorName: '',
  supervisorSecret: '',
  technicianUsername: '',
  technicianName: '',
  technicianSecret: '',
};

export function toBranchSetup(fields: SetupFields): BranchSetup {
  return {
    code: fields.code.trim().toUpperCase(),
    name: fields.name,
    country: fields.country.trim().toUpperCase(),
    currency: fields.currency.trim().toUpperCase(),
    language: fields.language,
    supervisor: { username: fields.supervisorUsername.trim(), displayName: fields.supervisorName, secret: fields.supervisorSecret },
    technician: { username: fields.technicianUsername.trim(), displayName: fields.technicianName, secret: fields.technicianSecret },
  };
}

/** Contract paths (`supervisor.username`) back to form fields, for the host's INVALID_INPUT too. */
export function fieldOfPath(path: string): SetupField | null {
  const [head, tail] = path.split('.');
  if (head === 'supervisor' || head === 'technician') {
    if (tail === 'username') return `${head}Username`;
    if (tail === 'displayName') return `${head}Name`;
    if (tail === 'secret') return `${head}Secret`;
    return null;
  }
  const direct: readonly SetupField[] = ['code', 'name', 'country', 'currency', 'language'];
  return direct.find((field) => field === head) ?? null;
}

/** Validated with the same schema the router uses, so the form and the host never disagree. */
export function invalidFields(fields: SetupFields): Set<SetupField> {
  const result = BranchSetup.safeParse(toBranchSetup(fields));
  const invalid = new Set<SetupField>();
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOfPath(issue.path.join('.'));
      if (field) invalid.add(field);
    }
  }
  return invalid;
}
