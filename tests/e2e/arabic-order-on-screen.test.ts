import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ar } from '../../renderer/src/i18n/ar';
import { formatDateTime, formatMoney } from '../../renderer/src/i18n/format';
import { intlLocale } from '../../renderer/src/i18n/locale';
import { translate } from '../../renderer/src/i18n/translate';
import { launchChromium } from '../support/chromium';

// What Chromium really draws: the x of each piece of an Arabic button or date, read from the layout.
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const locale = intlLocale('ar', 'DJ');

/** The left edge of the first occurrence of each piece, as laid out in a right-to-left page. */
async function leftEdges(html: string, pieces: string[]): Promise<number[]> {
  await page.setContent(`<html lang="ar" dir="rtl"><body style="font-size:24px">${html}</body></html>`);
  return page.evaluate((wanted) => {
    const node = document.getElementById('x')!.firstChild as Text;
    return wanted.map((piece) => {
      const start = node.data.indexOf(piece);
      if (start < 0) throw new Error(`missing ${piece}`);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + piece.length);
      return range.getBoundingClientRect().left;
    });
  }, pieces);
}

test('the Arabic pay button reads, right to left: collect, the amount (1 450 whole), then (Enter)', async () => {
  const amount = formatMoney(1450, 'DJF', locale);
  const label = translate(ar, 'sale.confirm', { amount }, { locale, rtl: true });
  const [verb, thousands, hundreds, key] = await leftEdges(`<button id="x">${label}</button>`, ['تحصيل', '1', '450', 'Enter']);
  // Right to left: the verb rightmost, the amount next, the key leftmost…
  expect(verb!).toBeGreaterThan(thousands!);
  expect(hundreds!).toBeGreaterThan(key!);
  // …and inside the amount, digits stay left to right: 1 before 450.
  expect(thousands!).toBeLessThan(hundreds!);
});

test('an Arabic date and time in a table cell keep day/month/year then the time', async () => {
  const text = formatDateTime('2026-12-07T16:48:07Z', locale);
  const html = `<table><tr><td><bdi id="x">${text}</bdi></td></tr></table>`;
  const [year, time] = await leftEdges(html, ['2026', ':48']);
  // Arabic order: the date on the right, then the time to its left.
  expect(year!).toBeGreaterThan(time!);
});
