import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { MAX_CALL_BYTES } from '../../electron/web/call-limits';

/**
 * The browser host refuses any call over `MAX_CALL_BYTES`. This builds the largest calls
 * the contract accepts — every list full, every text at its maximum length in a script
 * that takes 3 bytes a character in UTF-8 — and checks each still fits, so a contract
 * change that makes a legitimate call bigger fails here, not at a counter.
 */
const WIDE = '€'; // U+20AC: 3 bytes in UTF-8, like most of the BMP (Arabic takes 2).
const text = (length: number) => WIDE.repeat(length);
const BIGGEST_INT = -Number.MAX_SAFE_INTEGER; // the longest integer JSON can carry exactly

const party = { name: text(80), address: text(200), locality: text(80), country: 'DJ', phone: text(30) };
const customsLine = {
  description: text(120),
  quantity: BIGGEST_INT,
  netWeightGrams: BIGGEST_INT,
  valueMinor: BIGGEST_INT,
  hsCode: text(12),
  originCountry: text(2),
};
const mailItem = {
  service: text(20),
  destinationCountry: 'FR',
  weighingId: text(64),
  dimensions: { lengthMm: 10_000, widthMm: 10_000, heightMm: 10_000 },
  declaredValueMinor: Number.MAX_SAFE_INTEGER,
  options: Array.from({ length: 5 }, () => text(20)),
  sender: party,
  recipient: party,
  customs: { category: 'commercial-sample', explanation: text(200), lines: Array.from({ length: 20 }, () => customsLine) },
};

/** 64 KiB of PEM as pasted, with Windows line ends (two JSON escapes per 64-character line). */
const pem = (label: string) => {
  const begin = `-----BEGIN ${label}-----\r\n`;
  const end = `\r\n-----END ${label}-----`;
  const bodyLength = 65_536 - begin.length - end.length;
  const body = Array.from({ length: Math.ceil(bodyLength / 66) }, () => `${'A'.repeat(64)}\r\n`).join('').slice(0, bodyLength);
  return `${begin}${body}${end}`;
};

const largest: Array<[MethodName, unknown]> = [
  [
    'mail.accept',
    {
      operationId: uuid7(),
      sessionId: text(64),
      items: Array.from({ length: 20 }, () => mailItem),
      products: Array.from({ length: 50 }, () => ({ ean: '12345678901234', quantity: 999 })),
      tendered: { minor: BIGGEST_INT, currency: 'DJF' },
    },
  ],
  [
    'replication.saveSettings',
    {
      mode: 'configured',
      host: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
      port: 65_535,
      database: text(63),
      user: text(63),
      sslmode: 'verify-full',
      ca: { source: 'pem', pem: pem('CERTIFICATE') },
      clientCertificate: { source: 'pem', pem: pem('CERTIFICATE') },
      clientKey: { source: 'pem', pem: pem('PRIVATE KEY') },
      password: { source: 'new', value: text(1024) },
    },
  ],
];

/** The whole envelope as the renderer sends it, with the longest session and a supervisor's approval. */
const callBytes = (method: MethodName, input: unknown) =>
  Buffer.byteLength(
    JSON.stringify({ id: text(64), method, input, session: text(128), approval: { username: 'a'.repeat(32), secret: text(128) } }),
  );

describe('the browser host payload limit', () => {
  it.each(largest)('fits the largest %s the contract accepts', (method, input) => {
    const parsed = methods[method].input.safeParse(input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(callBytes(method, input)).toBeLessThanOrEqual(MAX_CALL_BYTES);
  });
});
