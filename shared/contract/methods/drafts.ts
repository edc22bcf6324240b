import { z } from 'zod';
import { defineMethod } from '../define';
import { IsoTime, Ok } from './common';
import { note } from '../text';

/** The screens whose unfinished work the host keeps: a basket must survive a reload or a lock. */
export const DraftScreen = z.enum(['sale', 'mail-acceptance', 'savings', 'money-orders']);
export type DraftScreen = z.infer<typeof DraftScreen>;

/** The page's own state of the screen, as JSON: the host keeps it and never reads it. */
const DraftContent = note(60_000).min(2);

export const DraftView = z.object({ content: z.string().nullable(), savedAt: IsoTime.nullable() });
export type DraftView = z.infer<typeof DraftView>;

const AT_THE_WINDOW = ['clerk', 'supervisor'] as const;

export const draftsMethods = {
  /** The draft this session left on a screen (null when none): read when the screen opens. */
  'drafts.get': defineMethod({ input: z.object({ screen: DraftScreen }).strict(), output: DraftView, access: AT_THE_WINDOW }),
  /** Replaces the screen's draft; the host keeps it in memory for the session (a restart forgets it). */
  'drafts.save': defineMethod({
    input: z.object({ screen: DraftScreen, content: DraftContent }).strict(),
    output: Ok,
    access: AT_THE_WINDOW,
  }),
  /** The basket was booked or abandoned on purpose. */
  'drafts.clear': defineMethod({ input: z.object({ screen: DraftScreen }).strict(), output: Ok, access: AT_THE_WINDOW }),
};
