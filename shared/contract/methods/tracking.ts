import { z } from 'zod';
import { defineMethod } from '../define';
import { code, note, reference } from '../text';
import { Empty } from './common';
import { LocalizedLabel } from './money';

export const TrackingCode = z.object({ code: z.string(), name: LocalizedLabel, atCounter: z.boolean() });

export const TrackingEventView = z.object({
  id: z.string(),
  code: z.string(),
  name: LocalizedLabel,
  at: z.string(),
  office: z.string(),
  operator: z.string().nullable(),
  /** `counter`: recorded at this branch; `head-office`: received from head office. */
  source: z.enum(['counter', 'head-office']),
  /** The branch that recorded it (this one for `counter`); null when head office itself did (exchange office, customs). */
  recordedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type TrackingEventView = z.infer<typeof TrackingEventView>;

/** Typed or scanned: checked for its S10 check digit before anything is looked up. */
const S10Input = reference(20).min(13);

export const trackingMethods = {
  'tracking.codes': defineMethod({ input: Empty, output: z.array(TrackingCode), access: ['clerk', 'supervisor', 'auditor'] }),
  'tracking.lookup': defineMethod({
    input: z.strictObject({ s10: S10Input }),
    output: z.object({
      s10: z.string(),
      item: z.object({ service: z.string(), destinationCountry: z.string(), acceptedAt: z.string(), grams: z.number().int() }).nullable(),
      events: z.array(TrackingEventView),
      /**
       * `received`: head office was asked for this item just now; `offline`: it could not be, the
       * events are what the branch last received (at `lastReceivedAt`); `not-configured`: no head office.
       */
      headOffice: z.object({ state: z.enum(['received', 'offline', 'not-configured']), lastReceivedAt: z.string().nullable() }),
    }),
    access: ['clerk', 'supervisor', 'auditor'],
  }),
  /** A counter event (arrived, held, attempted delivery, delivered, returned): codes the counter may record come from data. */
  'tracking.record': defineMethod({
    input: z.strictObject({ eventId: code(64).min(8), s10: S10Input, code: code(3).min(3), note: note(200).optional() }),
    output: TrackingEventView,
    access: ['clerk', 'supervisor'],
  }),
};
