import { z } from 'zod';

// Which parts of the label a service needs is tariff DATA (TariffService.requiredFields): an
// ordinary letter needs none, a registered item its recipient. One schema builder serves both the
// acceptance form (errors beside the fields, as the clerk types) and the service (the same refusal
// at payment), so the two can never disagree.

export const MAIL_PARTY_FIELDS = ['sender.name', 'sender.address', 'recipient.name', 'recipient.address'] as const;
export type MailPartyField = (typeof MAIL_PARTY_FIELDS)[number];

/** What a tariff written before the rule was data required: every name and address. */
export const EVERY_PARTY_FIELD: readonly MailPartyField[] = MAIL_PARTY_FIELDS;

/** The issue code a missing required field carries, at the contract and in the catalogs (`mail.field.required`). */
export const FIELD_REQUIRED = 'field-required';

const PartyLines = z.object({ name: z.string(), address: z.string() });
const Parties = z.object({ sender: PartyLines, recipient: PartyLines });
export type MailParties = z.infer<typeof Parties>;

/** The zod schema of an item's parties under one service's rule; issues carry the field path and FIELD_REQUIRED. */
export function mailPartiesSchema(required: readonly MailPartyField[]) {
  return Parties.superRefine((parties, ctx) => {
    for (const field of required) {
      const [party, line] = field.split('.') as ['sender' | 'recipient', 'name' | 'address'];
      if (parties[party][line].trim().length === 0) ctx.addIssue({ code: 'custom', path: [party, line], message: `${field} is required for this service`, params: { rule: FIELD_REQUIRED } });
    }
  });
}

/** Paths (`recipient.name`…) of the required fields still empty: what the form marks and the service refuses. */
export function missingPartyFields(required: readonly MailPartyField[], parties: MailParties): MailPartyField[] {
  const checked = mailPartiesSchema(required).safeParse(parties);
  return checked.success ? [] : checked.error.issues.map((issue) => issue.path.join('.') as MailPartyField);
}
