import { expect, test } from 'vitest';
import { useE2eBranch } from './support/e2e-branch';
import { openCounter, refusedSignIn, screenshot, signIn } from './support/counter-page';

// One branch for both tests: the second starts from the lockout the first left behind.
const branch = useE2eBranch('counter-e2e-lockout-');

const WRONG = 'Identifiant ou code incorrect.';
const LOCKED = 'Compte bloqué après trop d’erreurs de code.';

test('three wrong PINs lock omar, the right PIN is then refused, and the auditor sees it all in the audit log', async () => {
  const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);
  expect(await refusedSignIn(page, 'omar', '0000', 1)).toBe(WRONG);
  expect(await refusedSignIn(page, 'omar', '1111', 2)).toBe(WRONG);
  expect(await refusedSignIn(page, 'omar', '2222', 3)).toBe(LOCKED);
  await page.getByTestId('sign-in-locked').waitFor();

  // The right PIN no longer opens a locked account.
  expect(await refusedSignIn(page, 'omar', '4321', 4)).toBe(LOCKED);
  await expect(page.getByTestId('home').count()).resolves.toBe(0);

  await signIn(page, 'fatouma', '2468');
  await page.getByTestId('home').waitFor();
  await page.keyboard.press('Alt+Digit1');
  await page.getByTestId('audit-log').waitFor();
  await page.locator('[data-testid="audit-row"][data-action="account.locked"]').waitFor();

  const rows = await page.getByTestId('audit-row').evaluateAll((elements) =>
    elements.map((row) => ({
      action: row.getAttribute('data-action'),
      outcome: row.getAttribute('data-outcome'),
      text: row.textContent ?? '',
      // The details as recorded (codes); the screen shows them in words.
      details: row.getAttribute('data-details') ?? '',
    })),
  );
  const omarRefusals = rows.filter((row) => row.action === 'signin' && row.outcome === 'refused' && row.text.includes('omar'));
  expect(omarRefusals.filter((row) => row.details.includes('"wrong-secret"') && row.text.includes('code incorrect'))).toHaveLength(3);
  expect(omarRefusals.filter((row) => row.details.includes('"locked"') && row.text.includes('compte bloqué'))).toHaveLength(1);
  expect(rows.filter((row) => row.action === 'account.locked' && row.text.includes('omar'))).toHaveLength(1);
  expect(rows.some((row) => row.action === 'signin' && row.outcome === 'ok' && row.text.includes('fatouma'))).toBe(true);
  await screenshot(page, 'auditor-audit-log-lockout');

  // Esc leads back home.
  await page.keyboard.press('Escape');
  await page.getByTestId('home').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a branch manager unlocks omar at the sign-in screen through the approval dialog', async () => {
  const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);
  expect(await refusedSignIn(page, 'omar', '4321', 1)).toBe(LOCKED);
  await page.getByTestId('supervisor-unlock').click();
  await page.getByTestId('approval-dialog').waitFor();
  expect(await page.getByTestId('approval-username').evaluate((el) => el === document.activeElement)).toBe(true);

  // A wrong manager PIN is refused with its reason and the dialog stays open for another try.
  await page.keyboard.type('hassan');
  await page.keyboard.press('Tab');
  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="approval-error"]')?.textContent === 'Autorisation refusée : identifiant ou code incorrect.',
  );
  await page.getByTestId('approval-secret').fill('5678');
  await screenshot(page, 'approval-dialog');
  await page.keyboard.press('Enter');
  await page.getByTestId('sign-in-unlocked').waitFor();
  await expect(page.getByTestId('approval-dialog').count()).resolves.toBe(0);

  await signIn(page, 'omar', '4321');
  await page.getByTestId('home').waitFor();
  await expect(page.getByTestId('status-user').textContent()).resolves.toContain('Omar Guichetier');
  expect(errors).toEqual([]);
  await context.close();
});
