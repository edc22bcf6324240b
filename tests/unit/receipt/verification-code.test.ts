import { describe, expect, it } from 'vitest';
import { layoutReceipt, verificationCode, type Receipt } from '@shared/receipt';

const hash = '3fa9c01b7e' + 'ab'.repeat(27);
const base: Receipt = { header: ['Agence'], entries: [{ kind: 'text', text: 'Vente' }], footer: ['merci'], demo: false };

describe('the verification code on a receipt', () => {
  it('is the first ten hex digits of the operation hash, in two groups', () => {
    expect(verificationCode(hash)).toBe('3FA9C-01B7E');
  });

  it('rides in the fragment of a receipt QR, and prints under it', () => {
    const rows = layoutReceipt({ ...base, entries: [...base.entries, { kind: 'qr', data: 'https://track.example/RR1' }], verification: { operationId: 'op-1', hash } }, 42);
    expect(rows.filter((r) => r.kind === 'qr')).toEqual([{ kind: 'qr', data: 'https://track.example/RR1#v=3FA9C-01B7E' }]);
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'text', text: '# 3FA9C-01B7E' }));
  });

  it('gets a QR of its own on a receipt without one, and nothing changes without a verification', () => {
    const rows = layoutReceipt({ ...base, verification: { operationId: 'op-1', hash } }, 42);
    expect(rows.filter((r) => r.kind === 'qr')).toEqual([{ kind: 'qr', data: 'PC1:op-1:3FA9C-01B7E' }]);
    expect(layoutReceipt(base, 42).some((r) => r.kind === 'qr' || (r.kind === 'text' && r.text.startsWith('#')))).toBe(false);
  });
});
