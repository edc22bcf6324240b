import type { CustomsForm } from '@shared/customs';

/** Row shapes of the mail tables (migration 0007). Items, declarations, weighings and issued numbers are evidence: triggers refuse to change them. */

/** An S10 range head office allocated to this branch (or the demo's sample); `next_serial` only moves forward. */
export interface S10RangeTable {
  /** `<service indicator>:<first serial>`: a range received twice is one range. */
  id: string;
  service_indicator: string;
  country: string;
  first_serial: number;
  last_serial: number;
  next_serial: number;
  source: 'head-office' | 'sample';
  received_at: string;
}

/** An S10 number handed out: its primary key is why a number is never reused. */
export interface S10IssuedTable {
  s10: string;
  service_indicator: string;
  serial: number;
  range_id: string;
  operation_id: string;
  issued_at: string;
}

export interface MailWeighingTable {
  id: string;
  source: 'scale' | 'manual';
  device_id: string | null;
  grams: number;
  /** Required for a manual weight. */
  reason: string | null;
  operator: string;
  at: string;
}

export interface MailItemTable {
  s10: string;
  operation_id: string;
  service: string;
  zone: string;
  destination_country: string;
  weighing_id: string;
  chargeable_grams: number;
  /** JSON { lengthMm, widthMm, heightMm }, when measured. */
  dimensions: string | null;
  /** JSON Party. */
  sender: string;
  /** JSON Party. */
  recipient: string;
  declared_value: number;
  postage: number;
  insurance: number;
  /** JSON array of the quote's surcharges. */
  surcharges: string;
  total: number;
  currency: string;
  tariff_version: string;
  accepted_by: string;
  accepted_at: string;
}

export interface CustomsDeclarationTable {
  s10: string;
  form: CustomsForm;
  category: string;
  explanation: string | null;
  total_value: number;
  currency: string;
}

export interface CustomsLineTable {
  s10: string;
  line_no: number;
  description: string;
  quantity: number;
  net_weight_grams: number;
  value: number;
  hs_code: string | null;
  origin_country: string | null;
}

/** Senders who come back, found by name or phone at the next visit. */
export interface FrequentSenderTable {
  /** A hash of the name and address: the same sender is one row. */
  id: string;
  name: string;
  address: string;
  phone: string | null;
  country: string;
  uses: number;
  last_used_at: string;
}

export interface MailTables {
  s10_ranges: S10RangeTable;
  s10_issued: S10IssuedTable;
  mail_weighings: MailWeighingTable;
  mail_items: MailItemTable;
  customs_declarations: CustomsDeclarationTable;
  customs_lines: CustomsLineTable;
  frequent_senders: FrequentSenderTable;
}
