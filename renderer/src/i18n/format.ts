/**
 * Amounts are integer minor units in the branch currency. Intl knows each
 * currency's decimals (DJF and XAF have none, EUR two), so the same integer is
 * never shown with invented decimals.
 */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format(minorUnits / 10 ** decimals);
}

// Counters run on a 24-hour clock whatever the locale's default (CLDR gives fr-DJ AM/PM).
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(date);
}
