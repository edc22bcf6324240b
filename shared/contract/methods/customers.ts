import { z } from 'zod';
import { defineMethod } from '../define';
import { code, name, note, reference } from '../text';
import { Empty } from './common';
import { LocalizedLabel, OperationId } from './money';

/**
 * The customer register (KYC) shared by savings, money orders and the e-wallet.
 * Personal data is for the roles that serve customers at the window: clerk and
 * supervisor. Not the technician (no business with it), and not the auditor: the
 * audit trail names the customer by id and the fields changed, which is what an
 * audit needs; the values themselves stay with those who serve the customer.
 */
const CUSTOMER_ROLES = ['clerk', 'supervisor'] as const;

export const DOCUMENT_TYPES = ['identity-card', 'passport', 'residence-permit', 'other'] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

const IsoDate = code(10).regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
/** ICAO 9303 State code as the MRZ writes it (ISO 3166-1 alpha-3; `D` for Germany). */
const IssuingCountry = code(3).regex(/^[A-Z]{1,3}$/, 'ICAO 9303 country code');
/** Upper case letters and digits: spaces, dashes and dots typed between them are dropped by the service. */
const DocumentNumber = reference(30).min(1);
/** Digits, an optional leading +; the service keeps the digits only. */
const Phone = reference(20).regex(/^\+?[0-9 .-]{4,20}$/, 'phone number');
export const CustomerId = OperationId;

export const IdentityDocument = z.strictObject({
  type: DocumentType,
  number: DocumentNumber,
  country: IssuingCountry,
  expiry: IsoDate.optional(),
});

const PersonFields = {
  familyName: name(80).min(1),
  givenNames: name(120).min(1),
  birthDate: IsoDate,
  document: IdentityDocument,
  phone: Phone.optional(),
  address: note(300).optional(),
  kycTier: code(32).optional(),
};

export const RegisterCustomer = z.strictObject({
  /** Made once by the window for this registration and sent again on every retry. */
  customerId: CustomerId,
  ...PersonFields,
});

/** Only the fields that change; `null` clears an optional one. */
export const CustomerChanges = z.strictObject({
  familyName: PersonFields.familyName.optional(),
  givenNames: PersonFields.givenNames.optional(),
  birthDate: IsoDate.optional(),
  document: IdentityDocument.optional(),
  phone: Phone.nullable().optional(),
  address: note(300).nullable().optional(),
  kycTier: code(32).nullable().optional(),
});

export const UpdateCustomer = z.strictObject({
  customerId: CustomerId,
  /** The version the clerk saw: an edit made meanwhile elsewhere is not overwritten silently. */
  expectedVersion: z.number().int().positive(),
  changes: CustomerChanges,
});

export const FindCustomer = z.strictObject({
  /** Part of a family or given name (local register only). */
  name: name(80).min(2).optional(),
  document: IdentityDocument.omit({ expiry: true }).optional(),
  phone: Phone.optional(),
  /** Ask head office's national register when nothing is found here (default true). */
  national: z.boolean().optional(),
});

export const CustomerView = z.object({
  id: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  birthDate: z.string(),
  document: z.object({ type: DocumentType, number: z.string(), country: z.string(), expiry: z.string().nullable() }),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  kycTier: z.string().nullable(),
  originBranch: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number().int().positive(),
  /** `national`: registered at another branch, found through head office and kept here for offline use. */
  source: z.enum(['branch', 'national']),
});
export type CustomerView = z.infer<typeof CustomerView>;

export const RegisterResult = CustomerView.extend({ replayed: z.boolean() });

export const NationalLookup = z.object({
  /** `not-asked`: found here, or nothing to ask by (a name alone). */
  state: z.enum(['found', 'none', 'offline', 'not-configured', 'not-asked']),
  /** Why head office could not be asked, in words (offline). */
  detail: z.string().nullable(),
});

export const FindResult = z.object({ customers: z.array(CustomerView), national: NationalLookup });

export const CustomerChange = z.object({
  version: z.number().int().positive(),
  at: z.string(),
  by: z.string(),
  kind: z.enum(['registered', 'updated', 'received-from-head-office']),
  changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});

export const KycTierView = z.object({
  code: z.string(),
  name: LocalizedLabel,
  rank: z.number().int(),
  /** Limits in minor units of `currency`, as head office published them (null: no limit). */
  limits: z.record(z.string(), z.number().int().nullable()),
  currency: z.string().nullable(),
});

export const customersMethods = {
  /** Local register by name, document or phone; then head office's when nothing is found here and the link is up. */
  'customers.find': defineMethod({ input: FindCustomer, output: FindResult, access: CUSTOMER_ROLES }),
  'customers.get': defineMethod({ input: z.strictObject({ customerId: CustomerId }), output: CustomerView, access: CUSTOMER_ROLES }),
  /** Refused (CONFLICT, rule `customer-document-taken`, details.customer) when the document belongs to another customer. */
  'customers.register': defineMethod({ input: RegisterCustomer, output: RegisterResult, access: CUSTOMER_ROLES }),
  'customers.update': defineMethod({ input: UpdateCustomer, output: CustomerView, access: CUSTOMER_ROLES }),
  'customers.history': defineMethod({ input: z.strictObject({ customerId: CustomerId }), output: z.array(CustomerChange), access: CUSTOMER_ROLES }),
  /** The KYC tiers head office published (pull kind `kyc-tier`), lowest first. */
  'customers.tiers': defineMethod({ input: Empty, output: z.array(KycTierView), access: CUSTOMER_ROLES }),
};
