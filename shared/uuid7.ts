// The id of one user intent (a sale, a float, a void). The window makes it once, when
// the clerk starts the action, and sends the same id on every retry: the ledger refuses
// a second copy, so a frozen screen and a repeated Enter post once (the Dalmellington
// lesson). Version 7 puts the time first, so ids sort by creation and index well.

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

let lastMs = 0;
let lastCounter = 0;

/** A fresh UUIDv7 (RFC 9562) from the platform's cryptographic random source. */
export function uuid7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  // Ids made in the same millisecond still sort in making order: a 12-bit counter in rand_a.
  if (nowMs <= lastMs) {
    nowMs = lastMs;
    lastCounter += 1;
    if (lastCounter > 0xfff) {
      nowMs = lastMs + 1;
      lastCounter = 0;
    }
  } else {
    lastCounter = bytes[7]! & 0x7f;
  }
  lastMs = nowMs;
  let ms = nowMs;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((lastCounter >> 8) & 0x0f);
  bytes[7] = lastCounter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const isUuid7 = (value: string): boolean => UUID7_PATTERN.test(value);

/** The creation time a UUIDv7 carries, in milliseconds since the epoch. */
export function uuid7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
