import { sql, type Kysely } from 'kysely';
import { SAVINGS_CREDIT_DEPOSIT_0012 } from './savings-booking-sql';

/**
 * A deposit to an account that takes no credits — closed, or blocked for credits — is kept aside,
 * not credited (migration 0012 credited it and raised a review alarm, which let money into an
 * account head office had blocked). The branch refuses such a deposit at the window when it knows;
 * one booked while the link was down, before the branch could know, arrives here: it stays in
 * `ho.savings_unapplied` with a `savings-review` alarm for head office to settle (pay it back,
 * or credit it once the block is lifted), and the transfer itself stays in ho.transfers. Never lost.
 */
const ANCHOR = `  v_account := ho.savings_settle_dormancy(v_account);
  v_line := ho.savings_append_line(`;

const keptAside = `  IF v_account.status = 'closed' OR (v_account.status = 'blocked' AND v_account.block_type IN ('credit', 'all')) THEN
    PERFORM ho.savings_keep_unapplied(p_branch, p_id, p_seq, p_reference, p_amount, 0,
      CASE v_account.status WHEN 'closed' THEN 'account-closed' ELSE 'account-blocked-for-credits' END, 'savings-review',
      format('deposit %s of %s %s for account %s, %s: not credited, kept aside for review', p_id, p_amount, p_currency, v_number,
        CASE v_account.status WHEN 'closed' THEN 'which is closed' ELSE 'which is blocked for credits' END));
    RETURN;
  END IF;
`;

const replaced = (definition: string) => definition.replace(/^CREATE FUNCTION/, 'CREATE OR REPLACE FUNCTION');

function keepingAside(): string {
  if (!SAVINGS_CREDIT_DEPOSIT_0012.includes(ANCHOR)) throw new Error('0014: the 0012 deposit credit is not the one this migration was written against');
  return replaced(SAVINGS_CREDIT_DEPOSIT_0012).replace(ANCHOR, `${keptAside}${ANCHOR}`);
}

// CREATE OR REPLACE keeps the function's owner (ho_owner) and grants: the trigger calls it unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(keepingAside()).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(replaced(SAVINGS_CREDIT_DEPOSIT_0012)).execute(db);
}
