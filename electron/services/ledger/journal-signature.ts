import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The 32 raw bytes of an Ed25519 public key (base64) as a key object. */
export function publicKeyFromRaw(rawBase64: string): KeyObject {
  const x = Buffer.from(rawBase64, 'base64').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The raw public key, base64: what `journal_keys` and head office keep. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
}

/**
 * What a clerk can read aloud and compare with paper: the first 64 bits of
 * SHA-256 of the raw public key, in four groups.
 */
export function keyFingerprint(rawBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(rawBase64, 'base64')).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

/** The signed message is the 32 bytes of the transfer hash: head office signs-checks the same bytes. */
export const signedMessage = (hashHex: string): Buffer => Buffer.from(hashHex, 'hex');

export function signatureHolds(publicKey: KeyObject, hashHex: string, signatureBase64: string): boolean {
  try {
    return verify(null, signedMessage(hashHex), publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
