import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallRequest, plainCallRequest } from '@shared/contract';

// Values that sit on and around every rule of the envelope: empty, at and past each length bound.
const edgeStrings = fc.oneof(
  fc.constantFrom('', 'a', 'till.open', 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(128), 'y'.repeat(129)),
  fc.string({ maxLength: 140 }),
);
const anyValue = fc.oneof(edgeStrings, fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(fc.nat(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const approval = fc.oneof(
  fc.constant(undefined),
  fc.record({ username: fc.constantFrom('hassan', ' hassan ', 'H'), secret: fc.constantFrom('5678', '1') }),
  anyValue,
);
const envelope = fc.record(
  { id: fc.oneof(edgeStrings, anyValue), method: fc.oneof(edgeStrings, anyValue), input: anyValue, session: fc.oneof(edgeStrings, anyValue), approval, extra: anyValue },
  { requiredKeys: [] },
);

describe('the hand-checked call envelope', () => {
  it('accepts exactly the approval-free envelopes CallRequest accepts, with the same fields', () => {
    fc.assert(
      fc.property(fc.oneof(envelope, anyValue), (raw) => {
        const fast = plainCallRequest(raw);
        const zod = CallRequest.safeParse(raw);
        if (fast) {
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        } else {
          // Refused here: either CallRequest refuses too, or the envelope carries an approval for it to check.
          expect(zod.success && zod.data.approval === undefined).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
    // 5,000 generated envelopes take about 1.5 s on a quiet machine: no load should fail them.
  }, 60_000);

  it('leaves approvals to CallRequest, which trims the username', () => {
    const raw = { id: 'c1', method: 'till.voidOperation', input: {}, approval: { username: ' hassan ', secret: '5678' } };
    expect(plainCallRequest(raw)).toBeUndefined();
    expect(CallRequest.parse(raw).approval).toEqual({ username: 'hassan', secret: '5678' });
  });
});
