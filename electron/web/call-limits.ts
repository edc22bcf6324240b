/**
 * What the browser host accepts from a window, and the close codes (RFC 6455 §7.4.1)
 * it drops a misbehaving window with. ws itself closes with 1002 (a protocol error:
 * opcode 3, an unmasked client frame…), 1007 (a text frame that is not UTF-8) and
 * 1009 (over `maxPayload`); the two below are the host's own.
 */

/**
 * The largest call a window may send, in bytes of UTF-8. The largest legitimate calls
 * (`tests/unit/largest-call.test.ts` builds them from the contract's own limits and
 * checks they fit) are:
 * - `mail.accept` with a full basket — 20 items, each with two parties and a 20-line
 *   customs declaration, every text field at its maximum in a 3-byte script: ≈ 300 KB;
 * - `replication.saveSettings` with a CA bundle, a client certificate and a client key
 *   pasted as PEM, 64 KiB each: ≈ 208 KB.
 * First-run setup (`branch.setup`: a profile and two accounts) and everything else stay
 * under 2 KB. 512 KiB holds those with room to spare and refuses a 1 MB paste before it
 * is parsed.
 */
export const MAX_CALL_BYTES = 512 * 1024;

/** A binary frame: the counter speaks JSON in text frames only. */
export const CLOSE_UNSUPPORTED_DATA = 1003;
/** A text frame that is not JSON: no well-behaved window sends one. */
export const CLOSE_POLICY_VIOLATION = 1008;
