// A clerk registers a customer from a scanned identity card (its MRZ typed by a keyboard-wedge
// scanner, line by line), finds them again by document, and sees the duplicate refusal show the
// customer who already holds that document; a correction shows as a new version in the history.
// Chromium against the browser host.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { findLeaks } from './support/raw-words';

let running: RunningBrowserHost;
let browser: Browser;
const data = makeTempDir('counter-e2e-customers-');

beforeAll(async () => {
  running = await startBrowserHost({ dataDir: data.dir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
  data.remove();
});

// ICAO 9303 part 5's identity card specimen, as an MRZ reader sends it: one line per scan.
const CARD = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

/** A keyboard-wedge scanner (US layout) typing one line and Enter, as key codes: the app decodes `code`, not `key`. */
async function wedgeTypes(page: Page, line: string): Promise<void> {
  await page.evaluate((text) => {
    const keyOf = (c: string): [string, boolean] =>
      c === '<' ? ['Comma', true] : /\d/.test(c) ? [`Digit${c}`, false] : [`Key${c}`, true];
    for (const c of text) {
      const [code, shiftKey] = keyOf(c);
      window.dispatchEvent(new KeyboardEvent('keydown', { code, key: c, shiftKey, bubbles: true }));
    }
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', bubbles: true }));
  }, line);
}

test('register from a scanned card, find again by document, and the duplicate refusal shows the first customer', async () => {
  const { page, errors } = await openCounter(browser, running.web.url);
  await signIn(page, 'amina', '1234');
  await page.getByTestId('tile-customers').click();
  await page.getByTestId('customer-picker').waitFor();

  await page.getByTestId('customer-new').click();
  await page.getByTestId('customer-form').waitFor();
  for (const line of CARD) await wedgeTypes(page, line);
  await page.locator('[data-testid="customer-scan-note"][data-ok="true"]').waitFor();
  expect(await page.getByTestId('customer-family-name').inputValue()).toBe('ERIKSSON');
  expect(await page.getByTestId('customer-given-names').inputValue()).toBe('ANNA MARIA');
  expect(await page.getByTestId('customer-birth-date').inputValue()).toBe('1974-08-12');
  expect(await page.getByTestId('customer-document-number').inputValue()).toBe('D23145890');
  expect(await page.getByTestId('customer-document-country').inputValue()).toBe('UTO');
  expect(await page.getByTestId('customer-document-type').inputValue()).toBe('Carte nationale d’identité');
  // Keyboard-first: the clerk adds the phone and registers with Enter.
  await page.getByTestId('customer-phone').fill('77 12 34 56');
  await page.getByTestId('customer-phone').press('Enter');
  await page.getByTestId('customer-record').waitFor();
  expect(await page.getByTestId('record-family-name').textContent()).toBe('ERIKSSON');
  await page.locator('[data-testid="customer-history"] tr').first().waitFor();
  await screenshot(page, 'customers-registered');

  // A correction is a new version in the history, never an overwrite.
  await page.getByTestId('customer-edit').click();
  await page.getByTestId('edit-phone').fill('77 65 43 21');
  await page.getByTestId('edit-phone').press('Enter');
  await page.locator('[data-testid="customer-change"][data-kind="updated"]').waitFor();
  expect(await page.getByTestId('record-version').textContent()).toBe('2');
  expect(await page.getByTestId('record-phone').textContent()).toBe('77654321');
  expect(await page.locator('[data-testid="customer-change"][data-kind="updated"]').innerText()).toContain('Téléphone');

  // Found again by document, typed the way the card prints it.
  await page.getByTestId('customer-another').click();
  await page.getByTestId('customer-search-document').fill('d2314 5890');
  await page.getByTestId('customer-search-country').fill('UTO');
  await page.getByTestId('customer-search-document').press('Enter');
  await page.locator('[data-testid="customer-results"][data-count="1"]').waitFor();
  expect(await page.locator('[data-testid="customer-card"]').getAttribute('data-document')).toBe('D23145890');
  // Found here: head office was not asked, and nothing says it was.
  expect(await page.getByTestId('customer-national-state').count()).toBe(0);

  // Someone else keyed in with the same card: refused, and the first customer is shown to pick.
  await page.getByTestId('customer-new').click();
  await page.getByTestId('customer-family-name').fill('Autre');
  await page.getByTestId('customer-given-names').fill('Personne');
  await page.getByTestId('customer-birth-date').fill('1980-01-01');
  await page.getByTestId('customer-document-number').fill('D23145890');
  await page.getByTestId('customer-document-country').fill('UTO');
  await page.getByTestId('customer-register').click();
  const duplicate = page.getByTestId('customer-duplicate');
  await duplicate.waitFor();
  expect(await duplicate.locator('[data-testid="customer-name"]').textContent()).toContain('ERIKSSON');
  expect(findLeaks(await duplicate.innerText())).toEqual([]);
  await screenshot(page, 'customers-duplicate');
  await duplicate.getByTestId('customer-pick').click();
  await page.getByTestId('customer-record').waitFor();
  expect(await page.getByTestId('record-family-name').textContent()).toBe('ERIKSSON');

  // A name search with no head office configured says so in words.
  await page.getByTestId('customer-another').click();
  await page.getByTestId('customer-search-phone').fill('77000000');
  await page.getByTestId('customer-search-phone').press('Enter');
  await page.locator('[data-testid="customer-national-state"][data-state="not-configured"]').waitFor();
  expect(errors).toEqual([]);
});
