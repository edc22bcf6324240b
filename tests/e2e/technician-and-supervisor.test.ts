import { expect, test } from 'vitest';
import { useE2eBranch } from './support/e2e-branch';
import { openCounter, refusedSignIn, screenshot, signIn } from './support/counter-page';

const branch = useE2eBranch('counter-e2e-setup-');

test('a branch manager lifts a lockout from the users screen with their own session', async () => {
  const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);
  for (const [index, pin] of ['0000', '1111', '2222'].entries()) await refusedSignIn(page, 'amina', pin, index + 1);
  await page.getByTestId('sign-in-locked').waitFor();

  await signIn(page, 'hassan', '5678');
  await page.getByTestId('home').waitFor();
  await page.keyboard.press('Alt+Digit1');
  await page.getByTestId('users-screen').waitFor();
  await page.getByTestId('unlock-amina').click();
  await page.getByText('Compte amina débloqué.').waitFor();
  // No dialog: the manager's own session is the approval.
  await expect(page.getByTestId('approval-dialog').count()).resolves.toBe(0);
  await expect(page.getByTestId('unlock-amina').count()).resolves.toBe(0);

  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+Digit2');
  const unlockRow = page.locator('[data-testid="audit-row"][data-action="account.unlock"]');
  await unlockRow.waitFor();
  await expect(unlockRow.textContent()).resolves.toContain('hassan');
  await page.getByTestId('sign-out-button').click();
  await page.getByTestId('sign-in-form').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a technician replaces the demo branch; everyone is signed out and DEMO disappears', async () => {
  const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);
  await signIn(page, 'ismail', '9012');
  await page.getByTestId('home').waitFor();

  await page.keyboard.press('Alt+Digit2');
  await page.getByTestId('diagnostics').waitFor();
  await expect(page.getByTestId('diag-database').textContent()).resolves.toContain('quick_check');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+Digit1');
  await page.getByTestId('setup-form').waitFor();
  // The form checks with the contract's own schema before anything is sent.
  await page.getByTestId('setup-code').fill('bad code!');
  await page.getByTestId('setup-submit').click();
  await page.getByText('Valeur invalide').first().waitFor();

  await page.getByTestId('setup-code').fill('DJ-BALBALA');
  await page.getByTestId('setup-name').fill('Agence de Balbala');
  await page.getByTestId('setup-supervisorUsername').fill('ayan');
  await page.getByTestId('setup-supervisorName').fill('Ayan Cheffe d’agence');
  await page.getByTestId('setup-supervisorSecret').fill('7777');
  await page.getByTestId('setup-technicianUsername').fill('daher');
  await page.getByTestId('setup-technicianName').fill('Daher Technicien');
  await page.getByTestId('setup-technicianSecret').fill('8888');
  await screenshot(page, 'technician-first-run-setup');
  await page.getByTestId('setup-submit').click();

  await page.getByText('La nouvelle agence est en service.').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="status-branch"]')?.textContent?.includes('DJ-BALBALA'));
  await expect(page.getByTestId('demo-badge').count()).resolves.toBe(0);

  // The demo users are gone with the demo branch; the new manager signs in.
  expect(await refusedSignIn(page, 'ismail', '9012', 1)).toBe('Identifiant ou code incorrect.');
  await signIn(page, 'ayan', '7777');
  await page.getByTestId('home').waitFor();
  await expect(page.getByTestId('demo-notice').count()).resolves.toBe(0);
  await expect(page.getByTestId('status-user').textContent()).resolves.toContain('Ayan');
  expect(errors).toEqual([]);
  await context.close();
});
