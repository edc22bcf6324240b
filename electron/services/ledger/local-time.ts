/**
 * The branch's wall-clock time with its UTC offset ("2025-03-01T09:15:02.120+03:00"):
 * what the clerk saw on the clock when the operation happened, and still an
 * unambiguous instant for head office.
 */
export function localIsoTime(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 23)}${offset}`;
}

/** The branch's business date (local calendar day) of an instant. */
export const businessDate = (date: Date): string => localIsoTime(date).slice(0, 10);
