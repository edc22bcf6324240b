import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SqlRunner } from './sql-runner';

const Keyed = z.object({ key: z.string().min(1) }).passthrough();

/**
 * A publication file: national items (every branch) or, with `branch`, one
 * branch's items. Corrections are always for one branch and carry their author
 * and reason: they arrive at the branch as transfers a supervisor acknowledges.
 */
export const Publication = z.object({
  publishedBy: z.string().min(1),
  tariffs: z.array(Keyed).default([]),
  products: z.array(Keyed).default([]),
  users: z.array(Keyed).default([]),
  limits: z.array(Keyed).default([]),
  billers: z.array(Keyed).default([]),
  /** KYC tiers and their limits (customers register): `{ key, name: {fr,en,ar}, rank, currency, limits }`. */
  kycTiers: z.array(Keyed).default([]),
  pickupParcels: z.array(Keyed.extend({ branch: z.string().min(1) })).default([]),
  corrections: z
    .array(
      z.object({
        id: z.string().min(1).optional(),
        branch: z.string().min(1),
        author: z.string().min(1),
        reason: z.string().min(3),
        debit_account_id: z.string().min(1),
        credit_account_id: z.string().min(1),
        amount: z.number().int().positive(),
        currency: z.string().length(3),
      }),
    )
    .default([]),
});
export type Publication = z.infer<typeof Publication>;

export interface Published {
  kind: string;
  key: string;
  branch: string | null;
  version: number;
}

/** Publishes every item of the file in one transaction; versions come out in file order. */
export async function publish(sql: SqlRunner, publication: Publication): Promise<Published[]> {
  const items: Array<{ kind: string; key: string; branch: string | null; body: Record<string, unknown> }> = [];
  const national = (kind: string, list: Array<z.infer<typeof Keyed>>) =>
    list.forEach(({ key, ...body }) => items.push({ kind, key, branch: null, body }));
  national('tariff', publication.tariffs);
  national('product', publication.products);
  national('user', publication.users);
  national('limit', publication.limits);
  national('biller', publication.billers);
  national('kyc-tier', publication.kycTiers);
  for (const { key, branch, ...body } of publication.pickupParcels) items.push({ kind: 'pickup-parcel', key, branch, body });
  for (const { id, branch, ...body } of publication.corrections) items.push({ kind: 'correction', key: id ?? randomUUID(), branch, body });

  await sql.query('BEGIN');
  try {
    const published: Published[] = [];
    for (const item of items) {
      const { rows } = await sql.query<{ version: string }>('SELECT ho.publish_item($1, $2, $3, $4::jsonb, $5) AS version', [
        item.kind,
        item.key,
        item.branch,
        JSON.stringify(item.body),
        publication.publishedBy,
      ]);
      published.push({ kind: item.kind, key: item.key, branch: item.branch, version: Number(rows[0]!.version) });
    }
    await sql.query('COMMIT');
    return published;
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
}
