import { describe, expect, it } from 'vitest';
import { decideUpdate } from '../../electron/services/system/update-policy';

describe('update policy', () => {
  it('installs on quit only when no till is open', () => {
    expect(decideUpdate({ downloaded: true, tillsOpen: 0 })).toBe('install-on-quit');
    expect(decideUpdate({ downloaded: true, tillsOpen: 1 })).toBe('wait');
    expect(decideUpdate({ downloaded: false, tillsOpen: 0 })).toBe('wait');
  });
});
