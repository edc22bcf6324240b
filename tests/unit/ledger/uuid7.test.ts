import { describe, expect, it } from 'vitest';
import { isUuid7, uuid7, uuid7Time } from '@shared/uuid7';

describe('uuid7', () => {
  it('makes RFC 9562 version 7 ids carrying their time', () => {
    const id = uuid7(1_700_000_000_123);
    expect(isUuid7(id)).toBe(true);
    expect(uuid7Time(id)).toBe(1_700_000_000_123);
  });

  it('sorts in making order, even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => uuid7(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
