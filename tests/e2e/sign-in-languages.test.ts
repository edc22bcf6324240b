import { expect, test } from 'vitest';
import { useE2eBranch } from './support/e2e-branch';
import { openCounter, screenshot, signIn } from './support/counter-page';

const branch = useE2eBranch('counter-e2e-lang-');

test('a clerk signs in in French, switches to Arabic (right to left) and signs out', async () => {
  const { context, page, errors } = await openCounter(branch.browser, branch.running.web.url);

  // The token left the address bar once read.
  await page.getByTestId('sign-in-form').waitFor();
  expect(page.url()).not.toContain('token=');
  expect(await page.getByTestId('sign-in-username').evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await expect(page.getByRole('heading', { name: 'Ouverture de session' }).isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('demo-badge').textContent()).resolves.toBe('DÉMO');

  await signIn(page, 'amina', '1234');
  await page.getByTestId('home').waitFor();
  await expect(page.getByText('Bonjour Amina Guichetière').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('status-user').textContent()).resolves.toContain('Guichetier');
  await expect(page.getByTestId('status-branch').textContent()).resolves.toContain('DJ-DEMO');
  await expect(page.getByTestId('demo-badge').isVisible()).resolves.toBe(true);
  // The sale workflow exists now (issue 3): its tile opens the sale screen.
  await expect(page.getByTestId('tile-sale').isDisabled()).resolves.toBe(false);
  expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
  const order = async () => {
    const branch = await page.getByTestId('status-branch').boundingBox();
    const signOut = await page.getByTestId('sign-out-button').boundingBox();
    return Math.sign(signOut!.x - branch!.x);
  };
  expect(await order()).toBe(1);
  await screenshot(page, 'clerk-home-french');

  await page.getByTestId('language-ar').click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  expect(await page.locator('html').getAttribute('lang')).toBe('ar');
  // The name is a left-to-right value inside Arabic text: it arrives as an isolate (U+2068 … U+2069).
  await page.getByText(/مرحبًا \u2068?Amina Guichetière\u2069?/).waitFor();
  expect(await page.getByTestId('home').textContent()).toContain('مرحبًا \u2068Amina Guichetière\u2069');
  await expect(page.getByTestId('sign-out-button').textContent()).resolves.toBe('تسجيل الخروج');
  await expect(page.getByTestId('demo-badge').textContent()).resolves.toBe('تجريبي');
  // The layout really flips: branch on the right, sign-out on the left.
  expect(await order()).toBe(-1);
  // Arabic glyphs come from the bundled font, not a missing-glyph fallback.
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Arabic"', 'مرحبا'))).toBe(true);
  await screenshot(page, 'clerk-home-arabic-rtl');

  await page.getByTestId('sign-out-button').click();
  await page.getByTestId('sign-in-form').waitFor();
  // Arabic stays for the next person at this window until someone picks another language.
  await expect(page.getByRole('heading', { name: 'تسجيل الدخول' }).isVisible()).resolves.toBe(true);
  await screenshot(page, 'sign-in-arabic-rtl');
  expect(errors).toEqual([]);
  await context.close();
});

test('a language picked on the sign-in screen is kept after sign-in, and becomes the clerk’s own', async () => {
  const { context, page } = await openCounter(branch.browser, branch.running.web.url);
  await page.getByTestId('sign-in-form').waitFor();
  // Omar's account says French; he picks English at the window before signing in.
  await page.getByTestId('language-en').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await signIn(page, 'omar', '4321');
  await page.getByTestId('home').waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await page.getByTestId('sign-out-button').click();
  await page.getByTestId('sign-in-form').waitFor();
  await context.close();

  // A fresh window (nothing remembered at this workstation): his own language is English now.
  const again = await openCounter(branch.browser, branch.running.web.url);
  await again.page.getByTestId('sign-in-form').waitFor();
  expect(await again.page.locator('html').getAttribute('lang')).toBe('fr');
  await signIn(again.page, 'omar', '4321');
  await again.page.getByTestId('home').waitFor();
  expect(await again.page.locator('html').getAttribute('lang')).toBe('en');
  await again.context.close();
});
