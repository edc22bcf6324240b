import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { uuid7 } from '@shared/uuid7';
import { useE2eBranch } from './support/e2e-branch';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { ledgerProbe } from './support/ledger-probe';
import { englishOnly, findLeaks } from './support/raw-words';

const branch = useE2eBranch('counter-e2e-crawl-');

const people = [
  { role: 'clerk', username: 'amina', secret: '1234' },
  { role: 'supervisor', username: 'hassan', secret: '5678' },
  { role: 'technician', username: 'ismail', secret: '9012' },
  { role: 'auditor', username: 'fatouma', secret: '2468' },
] as const;

async function settle(page: Page): Promise<void> {
  // Lists arrive after the screen: wait until no loader is left, then one more frame.
  await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root, [data-loading="true"]'));
  await page.waitForTimeout(400);
  await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root, [data-loading="true"]'));
}

/** Screens whose forms open by function key (shown on their buttons): each form is looked at too, Esc closing it. */
const FORMS_BY_KEY = new Set(['money-orders']);

async function backHome(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  if (await page.getByTestId('leave-confirm').isVisible()) await page.getByTestId('leave-confirm').click();
  await page.getByTestId('home').waitFor();
}

/** A trading day with something in it: a float, sales, a letter, so lists and reports have rows. */
async function tradeSomething(): Promise<void> {
  const hassan = await ledgerProbe(branch.running, 'hassan', '5678');
  const amina = await ledgerProbe(branch.running, 'amina', '1234');
  const djf = (minor: number) => ({ minor, currency: 'DJF' });
  await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-STORAGE' });
  const opened = await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) });
  const mine = await amina.call('till.mine', {});
  await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
  await amina.call('sale.complete', {
    operationId: uuid7(),
    sessionId: opened.sessionId,
    lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }],
    tendered: djf(5_000),
  });
}

test.each(['fr', 'ar'] as const)('every screen of every role speaks %s: no raw code, no English sentence', async (language) => {
  if (language === 'fr') await tradeSomething();
  expect(englishOnly.length).toBeGreaterThan(100);
  const leaks: string[] = [];
  for (const person of people) {
    const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByTestId(`language-${language}`).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    await signIn(page, person.username, person.secret);
    await page.getByTestId('home').waitFor();
    await settle(page);
    const look = async (where: string) => {
      const text = await page.evaluate(() => document.body.innerText);
      for (const leak of findLeaks(text)) leaks.push(`${language} ${person.role} ${where}: ${leak}`);
      // Arabic words or an Arabic date forced left to right come out scrambled ("/2026/12، 7…").
      const forced = language !== 'ar' ? [] : await page.evaluate(() =>
        [...document.querySelectorAll('[dir="ltr"]')].map((el) => (el as HTMLElement).innerText).filter((inner) => /[\u0600-\u06ff]/.test(inner)),
      );
      for (const inner of forced) leaks.push(`${language} ${person.role} ${where}: Arabic forced left to right: «${inner.slice(0, 60)}»`);
      if (language === 'ar') await screenshot(page, `crawl-ar-${person.role}-${where}`);
    };
    await look('home');
    const tiles = await page.locator('[data-testid^="tile-"]:not([disabled])').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
    for (const tile of tiles) {
      await page.getByTestId(tile).click();
      await page.getByTestId('home').waitFor({ state: 'detached' });
      await settle(page);
      const screen = tile.replace(/^tile-/, '');
      await look(screen);
      if (FORMS_BY_KEY.has(screen)) {
        const keys = (await page.locator('main button kbd').allInnerTexts()).filter((key) => /^F\d+$/.test(key));
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          await page.keyboard.press(key);
          await settle(page);
          await look(`${screen}-${key}`);
          await page.keyboard.press('Escape');
          await settle(page);
          expect(await page.getByTestId('home').count()).toBe(0);
        }
      }
      await backHome(page);
    }
    expect(errors).toEqual([]);
    await context.close();
  }
  expect(leaks).toEqual([]);
});
