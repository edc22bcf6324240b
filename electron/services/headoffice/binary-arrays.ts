/**
 * One-dimensional PostgreSQL arrays in the binary wire format (what `array_recv`
 * reads), for the push's column parameters.
 *
 * Why: node-postgres sends a JavaScript array as an array literal — every element
 * quoted and escaped in JavaScript, then scanned character by character by
 * PostgreSQL's `array_in`. For a 10,000-transfer batch that parsing was a fifth
 * of head office's time; the binary form is length-prefixed, so PostgreSQL copies
 * each value once. Same values, same types: the function sees identical arrays.
 */

export type ArrayElementType = 'bigint' | 'integer' | 'text' | 'uuid';

/** pg_type OIDs; `array_recv` refuses an array whose element type differs from the parameter's. */
const ELEMENT_OID: Record<ArrayElementType, number> = { bigint: 20, integer: 23, text: 25, uuid: 2950 };

/** A UUID as PostgreSQL prints it; only this form goes as 16 bytes, since it prints back the same. */
export const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const HEADER_BYTES = 20;
const NULL_LENGTH = -1;

export function binaryArray(type: ArrayElementType, values: readonly unknown[]): Buffer {
  if (values.length === 0) return emptyArray(type);
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + upperBound(type, values));
  let offset = HEADER_BYTES;
  let hasNull = 0;
  for (const value of values) {
    if (value === null || value === undefined) {
      hasNull = 1;
      offset = buffer.writeInt32BE(NULL_LENGTH, offset);
    } else if (type === 'text') {
      // The length goes before the bytes, and is known only once they are written.
      const written = buffer.write(textOf(value), offset + 4, 'utf8');
      buffer.writeInt32BE(written, offset);
      offset += 4 + written;
    } else if (type === 'uuid') {
      offset = buffer.writeInt32BE(16, offset);
      offset += buffer.write(uuidHexOf(value), offset, 'hex');
    } else if (type === 'integer') {
      offset = buffer.writeInt32BE(4, offset);
      offset = buffer.writeInt32BE(Number(integerOf(value, 2 ** 31)), offset);
    } else {
      offset = buffer.writeInt32BE(8, offset);
      offset = buffer.writeBigInt64BE(BigInt(integerOf(value, 2 ** 63)), offset);
    }
  }
  buffer.writeInt32BE(1, 0); // dimensions
  buffer.writeInt32BE(hasNull, 4);
  buffer.writeUInt32BE(ELEMENT_OID[type], 8);
  buffer.writeInt32BE(values.length, 12);
  buffer.writeInt32BE(1, 16); // lower bound: p_x[1] is the first row
  return buffer.subarray(0, offset);
}

/** No dimensions at all: how PostgreSQL itself sends '{}'. */
function emptyArray(type: ArrayElementType): Buffer {
  const buffer = Buffer.alloc(12);
  buffer.writeUInt32BE(ELEMENT_OID[type], 8);
  return buffer;
}

/** Room for every element: UTF-8 takes at most three bytes per UTF-16 unit. */
function upperBound(type: ArrayElementType, values: readonly unknown[]): number {
  if (type === 'integer') return values.length * 8;
  if (type === 'bigint') return values.length * 12;
  if (type === 'uuid') return values.length * 20;
  let bytes = values.length * 4;
  for (const value of values) if (value !== null && value !== undefined) bytes += textOf(value).length * 3;
  return bytes;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError(`not a text value: ${typeof value}`);
}

function uuidHexOf(value: unknown): string {
  if (typeof value === 'string' && CANONICAL_UUID.test(value)) return value.replace(/-/g, '');
  throw new TypeError(`not a UUID in lowercase hex with hyphens: ${String(value)}`);
}

/** Integers only, within the column's range: a fraction or an overflow is refused here, not rounded. */
function integerOf(value: unknown, limit: number): number | bigint {
  if (typeof value === 'bigint' && value >= -BigInt(limit) && value < BigInt(limit)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= -limit && value < limit) return value;
  throw new TypeError(`not an integer in range: ${String(value)}`);
}
