import { ContractError, type ParsedInput, type Weighing } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { localIsoTime } from '../ledger/local-time';
import type { Actor } from '../till/till-context';
import type { ScaleStatus } from '../devices/protocols/scale-reading';
import type { MailContext } from './mail-context';
import { mailRepository, type MailWeighingRow } from './mail.repository';

/**
 * Fixes the weight a price is taken from. The scale is read here, in the main process, not
 * taken from the window: only a stable reading counts. A manual weight needs a reason and is
 * audited as manual, so a weight keyed in over a broken scale is never mistaken for a weighed one.
 */
/** Why a scale reading cannot weigh an item, by the scale's state (the clerk reads `mail.rule.<rule>`). */
const REFUSAL: Record<ScaleStatus, { rule: string; message: string }> = {
  stable: { rule: 'weight-not-positive', message: 'nothing on the scale' },
  unstable: { rule: 'weight-unstable', message: 'the weight is not stable yet: wait for the scale to settle' },
  overweight: { rule: 'weight-over-capacity', message: 'the item is heavier than the scale can weigh' },
  'under-zero': { rule: 'weight-under-zero', message: 'the scale reads below zero: empty the pan and zero it' },
  'not-ready': { rule: 'weight-no-reading', message: 'the scale gives no reading' },
};

export async function weigh(ctx: MailContext, actor: Actor, input: ParsedInput<'mail.weigh'>): Promise<Weighing> {
  const at = localIsoTime(ctx.till.clock.now());
  const id = uuid7();
  if ('manualGrams' in input) {
    mailRepository(ctx.till.sqlite).insertWeighing({ id, source: 'manual', device_id: null, grams: input.manualGrams, reason: input.reason, operator: actor.username, at });
    ctx.till.audit.record({ actor: actor.username, action: 'mail.weight.manual', subject: id, outcome: 'ok', details: { grams: input.manualGrams, reason: input.reason } });
    return { id, source: 'manual', grams: input.manualGrams, deviceId: null, at };
  }
  if (!ctx.devices) throw new ContractError('DEVICE_UNAVAILABLE', 'no scale: key the weight in by hand');
  let reading;
  try {
    reading = await ctx.devices.manager.readScale(input.deviceId);
  } catch (error) {
    throw new ContractError('DEVICE_UNAVAILABLE', error instanceof Error ? error.message : String(error), { rule: 'scale-unavailable' });
  }
  if (reading.status !== 'stable' || reading.grams === null) {
    // Each state has its own refusal: moving, over capacity, below zero, no reading at all.
    throw new ContractError('RULE_BROKEN', REFUSAL[reading.status].message, {
      rule: REFUSAL[reading.status].rule,
      status: reading.status,
      reason: reading.reason ?? null,
      detail: reading.detail ?? '',
    });
  }
  if (reading.grams <= 0) throw new ContractError('RULE_BROKEN', 'nothing on the scale', { rule: 'weight-not-positive' });
  const deviceId = input.deviceId ?? ctx.devices.manager.listConfigs().find((config) => config.kind === 'scale')?.id ?? null;
  mailRepository(ctx.till.sqlite).insertWeighing({ id, source: 'scale', device_id: deviceId, grams: reading.grams, reason: null, operator: actor.username, at });
  return { id, source: 'scale', grams: reading.grams, deviceId, at };
}

export function readWeighing(ctx: MailContext, id: string): MailWeighingRow {
  const row = mailRepository(ctx.till.sqlite).weighing(id);
  if (!row) throw new ContractError('NOT_FOUND', `no weighing ${id}: weigh the item again`, { rule: 'unknown-weighing', weighingId: id });
  return row;
}
