/**
 * The default branch of an exhaustive switch: `default: throw missingCaseError(x)`.
 * The compiler accepts the call only when every member of the union has its case, so a
 * member added later fails the build here instead of falling through at the counter.
 */
export function missingCaseError(value: never): Error {
  return new TypeError(`missing case: ${JSON.stringify(value)}`);
}
