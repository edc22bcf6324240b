import { expect, test } from 'vitest';
import { useE2eBranch } from './support/e2e-branch';
import { openCounter, screenshot, signIn } from './support/counter-page';

const IDLE_LOCK_SECONDS = 2;
const branch = useE2eBranch('counter-e2e-idle-', { idleLockSeconds: IDLE_LOCK_SECONDS });

test('an idle window locks by itself and opens again with the PIN only', async () => {
  const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);
  await signIn(page, 'amina', '1234');
  await page.getByTestId('home').waitFor();

  const idleStart = Date.now();
  await page.getByTestId('lock-screen').waitFor({ timeout: 10_000 });
  expect(Date.now() - idleStart).toBeGreaterThanOrEqual((IDLE_LOCK_SECONDS - 1) * 1000);
  await expect(page.getByTestId('home').count()).resolves.toBe(0);
  expect(await page.getByTestId('lock-secret').evaluate((el) => el === document.activeElement)).toBe(true);
  await screenshot(page, 'idle-lock-screen');

  // A wrong PIN keeps it locked.
  await page.keyboard.type('9999');
  await page.keyboard.press('Enter');
  await page.getByTestId('lock-error').waitFor();
  await expect(page.getByTestId('lock-error').textContent()).resolves.toBe('Identifiant ou code incorrect.');

  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await page.getByTestId('home').waitFor();
  await expect(page.getByText('Bonjour Amina Guichetière').isVisible()).resolves.toBe(true);

  // Ctrl+L locks at once, by hand.
  await page.keyboard.press('Control+L');
  await page.getByTestId('lock-screen').waitFor({ timeout: 1_500 });
  expect(errors).toEqual([]);
  await context.close();
});
