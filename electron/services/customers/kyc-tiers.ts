import { ContractError } from '@shared/contract';
import type { z } from 'zod';
import type { KycTierView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { kycTierBodies, publishedTier } from './customers.repository';

type KycTier = z.infer<typeof KycTierView>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The KYC tiers head office publishes (reference pull, kind `kyc-tier`), as the
 * replication job stored them at the branch: their names and limits are data,
 * never code, since they differ between posts and regulators.
 */
export function kycTiers(sqlite: Sqlite): KycTier[] {
  return kycTierBodies(sqlite)
    .map(({ key, body }) => {
      const item = JSON.parse(body) as Record<string, unknown>;
      const name = (item.name ?? {}) as Record<string, unknown>;
      const limits = Object.entries((item.limits ?? {}) as Record<string, unknown>).map(([limit, value]) => [limit, Number.isInteger(value) ? (value as number) : null] as const);
      return {
        code: key,
        name: { fr: text(name.fr) || key, en: text(name.en) || key, ar: text(name.ar) || key },
        rank: Number.isInteger(item.rank) ? (item.rank as number) : 0,
        limits: Object.fromEntries(limits),
        currency: text(item.currency) || null,
      };
    })
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}

/** A tier the clerk picked must be one head office published. */
export function requireKnownTier(sqlite: Sqlite, tier: string | null): string | null {
  if (tier === null || publishedTier(sqlite, tier)) return tier;
  throw new ContractError('INVALID_INPUT', `unknown KYC tier ${tier}`, {
    rule: 'unknown-kyc-tier',
    issues: [{ path: 'kycTier', message: 'not a tier head office published', code: 'invalid_value' }],
  });
}
