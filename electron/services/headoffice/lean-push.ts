import { binaryArray, CANONICAL_UUID } from './binary-arrays';
import { PUSH_COLUMNS } from './migrations/0002-branch-functions';
import { LEAN_ROW_COLUMNS } from './migrations/0013-lean-push';

/**
 * A batch's columns (PUSH_COLUMNS order) in the lean form head office migration 0013
 * reads: first seq, the hash the batch hangs from, its last hash, the distinct texts and
 * UUIDs once each, then one small integer per row and column (see that migration).
 *
 * The per-row integers go as array text (`{3,1,-1}`): for one- and two-digit
 * references that is 2–3 bytes an element where the binary form pays 4 bytes of length
 * before each. The distinct values go binary (`binary`: node-postgres) — UUIDs as their
 * 16 bytes — or as plain arrays for PGlite, whose driver encodes them itself.
 */
export function encodeLeanPush(columns: readonly (readonly unknown[])[], binary: boolean): unknown[] {
  const at = (name: (typeof PUSH_COLUMNS)[number][0]) => columns[PUSH_COLUMNS.findIndex(([n]) => n === name)] ?? [];
  const seqs = at('seq');
  const n = seqs.length;
  const firstSeq = n === 0 ? null : Number(seqs[0]);
  for (let i = 0; i < n; i += 1) {
    if (Number(seqs[i]) !== firstSeq! + i) throw new TypeError(`a lean batch carries consecutive sequence numbers: seq ${String(seqs[i])} follows ${String(seqs[i - 1])}`);
  }

  const words = new Dictionary();
  const uuids = new Dictionary();
  const operations = at('operation_id');
  /** Transfer ids the ledger made as `<operation>/<k>`: sent as -k, nothing to look up. */
  const ordinals = at('id').map((id, i) => ordinalIn(id, operations[i]));
  const referenced = LEAN_ROW_COLUMNS.filter(([name]) => name !== 'amount' && name !== 'flags').map(([name]) => name);
  for (const name of referenced) {
    at(name).forEach((value, i) => {
      if (value === null || value === undefined || (name === 'id' && ordinals[i] !== null)) return;
      const text = textOf(value);
      (CANONICAL_UUID.test(text) ? uuids : words).add(text);
    });
  }
  const reference = (value: unknown): number => {
    if (value === null || value === undefined) return 0;
    const text = textOf(value);
    return CANONICAL_UUID.test(text) ? words.size + uuids.index(text) : words.index(text);
  };

  const rows = LEAN_ROW_COLUMNS.map(([name]) => {
    const values = at(name);
    if (name === 'amount' || name === 'flags') return arrayText(values.map((v, i) => integerText(v, `${name} of seq ${String(seqs[i])}`)));
    if (name === 'id') return arrayText(values.map((v, i) => (ordinals[i] !== null ? `-${ordinals[i]}` : String(reference(v)))));
    return arrayText(values.map((v) => String(reference(v))));
  });
  return [
    firstSeq,
    n === 0 ? null : at('prev_hash')[0],
    n === 0 ? null : at('hash')[n - 1],
    binary ? binaryArray('text', words.values) : words.values,
    binary ? binaryArray('uuid', uuids.values) : uuids.values,
    ...rows,
  ];
}

/** Distinct values in first-seen order, numbered from 1. */
class Dictionary {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  get size(): number {
    return this.values.length;
  }

  add(value: string): void {
    if (this.numbers.has(value)) return;
    this.values.push(value);
    this.numbers.set(value, this.values.length);
  }

  index(value: string): number {
    const number = this.numbers.get(value);
    if (number === undefined) throw new Error(`lean push: ${value} was not collected`);
    return number;
  }
}

/** k when `id` is exactly `operation + '/' + k` (k as head office prints it back), else null. */
function ordinalIn(id: unknown, operation: unknown): number | null {
  if (typeof id !== 'string' || typeof operation !== 'string' || !id.startsWith(`${operation}/`)) return null;
  const rest = id.slice(operation.length + 1);
  return /^[1-9][0-9]{0,8}$/.test(rest) ? Number(rest) : null;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError(`not a text value: ${typeof value}`);
}

/** Integers only: a fraction or a non-number is refused here, never rounded. */
function integerText(value: unknown, what: string): string {
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return String(value);
  throw new TypeError(`${what} is not an integer: ${String(value)}`);
}

/** An array literal of integers: digits, signs and commas only, nothing to quote. */
const arrayText = (elements: string[]): string => `{${elements.join(',')}}`;
