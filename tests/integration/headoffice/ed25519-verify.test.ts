import { createHash, generateKeyPairSync, sign, verify, createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ED25519_VERIFY } from '../../../electron/services/headoffice/migrations/ed25519-verify-sql';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';

/**
 * ho.ed25519_verify as HO migration 0016 left it (4-bit windows, addition chains) against
 * Node's Ed25519 (OpenSSL) and against HO migration 0005's verifier, kept here under
 * another name: the same answer for every signature, valid or not.
 */

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const rawKey = (key: ReturnType<typeof createPublicKey>) => key.export({ format: 'der', type: 'spki' }).subarray(-32);
const withByte = (b: Buffer, i: number, xor: number) => {
  const copy = Buffer.from(b);
  copy[i]! ^= xor;
  return copy;
};
const littleEndian = (n: bigint) => Buffer.from(Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 255n)));
const fromLittleEndian = (b: Buffer) => b.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);

/** RFC 8032 §7.1, tests 1–3: public key, message, signature. */
const RFC8032 = [
  ['d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
  ['3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
  ['fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
] as const;

interface Case {
  what: string;
  key: Buffer;
  message: Buffer;
  signature: Buffer;
}

describe('ho.ed25519_verify (HO migration 0016)', () => {
  let ho: TestHeadOffice;
  beforeAll(async () => {
    ho = await startTestHeadOffice();
    await ho.staff.query(ED25519_VERIFY.replace('ho.ed25519_verify(', 'public.ed25519_verify_0005('));
  }, 120_000);
  afterAll(async () => {
    await ho?.close();
  }, 120_000);

  const answers = async (cases: Case[]) =>
    (await ho.staff.query<{ windowed: boolean; before: boolean }>(
      `SELECT ho.ed25519_verify(k, m, s) AS windowed, public.ed25519_verify_0005(k, m, s) AS before
         FROM unnest($1::bytea[], $2::bytea[], $3::bytea[]) WITH ORDINALITY AS c(k, m, s, o) ORDER BY o`,
      [cases.map((c) => c.key), cases.map((c) => c.message), cases.map((c) => c.signature)],
    )).rows;

  it("accepts RFC 8032's test signatures and refuses them altered", async () => {
    const cases = RFC8032.flatMap(([key, message, signature]) => {
      const c = { key: Buffer.from(key, 'hex'), message: Buffer.from(message, 'hex'), signature: Buffer.from(signature, 'hex') };
      return [
        { ...c, what: 'valid' },
        { ...c, what: 'R altered', signature: withByte(c.signature, 3, 0x10) },
        { ...c, what: 'S altered', signature: withByte(c.signature, 40, 0x01) },
        { ...c, what: 'message altered', message: Buffer.concat([c.message, Buffer.from([0])]) },
      ];
    });
    expect((await answers(cases)).map((a) => a.windowed)).toEqual(cases.map((c) => c.what === 'valid'));
  });

  it('answers as Node and as HO migration 0005 for random keys, messages and forgeries', async () => {
    const cases: Case[] = [];
    const other = rawKey(generateKeyPairSync('ed25519').publicKey);
    for (let i = 0; i < 12; i += 1) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const key = rawKey(publicKey);
      const message = createHash('sha256').update(`batch ${i}`).digest();
      const signature = sign(null, message, privateKey);
      cases.push(
        { what: 'valid', key, message, signature },
        { what: 'R altered', key, message, signature: withByte(signature, i % 32, 1 << (i % 8)) },
        { what: 'S altered', key, message, signature: withByte(signature, 32 + (i % 31), 1 << (i % 8)) },
        { what: 'another message', key, message: withByte(message, i % 32, 0x80), signature },
        { what: 'another key', key: other, message, signature },
      );
    }
    const node = cases.map((c) => {
      try {
        return verify(null, c.message, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: c.key.toString('base64url') }, format: 'jwk' }), c.signature);
      } catch {
        return false;
      }
    });
    const rows = await answers(cases);
    expect(rows.map((r) => r.windowed)).toEqual(node);
    expect(rows.map((r) => r.before)).toEqual(node);
    expect(node.filter(Boolean)).toHaveLength(12);
  });

  it('refuses a non-canonical S, keys that are no point or not the signer, y ≥ p and wrong lengths, and agrees with 0005 on a small-order key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const key = rawKey(publicKey);
    const message = Buffer.from('last hash');
    const signature = sign(null, message, privateKey);
    const s = fromLittleEndian(signature.subarray(32));
    const identity = Buffer.alloc(32);
    identity[0] = 1;
    const cases: Case[] = [
      { what: 'S + l', key, message, signature: Buffer.concat([signature.subarray(0, 32), littleEndian(s + L)]) },
      { what: 'y ≥ p', key: Buffer.from(`${'ff'.repeat(31)}7f`, 'hex'), message, signature },
      { what: 'short key', key: key.subarray(1), message, signature },
      { what: 'short signature', key, message, signature: signature.subarray(1) },
      // The identity as key, R the identity and S = 0: the cofactorless equation holds; 0005 said true, so must this.
      { what: 'identity', key: identity, message, signature: Buffer.concat([identity, Buffer.alloc(32)]) },
    ];
    // Small y: about half have no x on the curve (no point at all), the others are not this signer.
    for (let y = 2; cases.length < 9; y += 1) cases.push({ what: `y = ${y}`, key: littleEndian(BigInt(y)), message, signature });
    const rows = await answers(cases);
    expect(rows.map((r) => r.windowed)).toEqual(rows.map((r) => r.before));
    expect(rows.slice(0, 4).map((r) => r.windowed)).toEqual([false, false, false, false]);
  });
});
