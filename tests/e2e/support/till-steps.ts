import type { Page } from 'playwright-core';

/** Picks a clerk in the float form's select, by username, with the keyboard-friendly combobox. */
export async function pickClerk(page: Page, username: string): Promise<void> {
  await page.getByTestId('float-clerk').click();
  await page.getByRole('option', { name: new RegExp(`\\(${username}\\)`) }).click();
}

/** Types a blind count: denomination → quantity; empty lines stay zero. */
export async function typeCount(page: Page, prefix: string, quantities: Record<number, number>): Promise<void> {
  for (const [denomination, quantity] of Object.entries(quantities)) {
    await page.getByTestId(`${prefix}-qty-${denomination}`).fill(String(quantity));
  }
}

/** The whole visible text of the window, spaces removed, for "never shown" assertions. */
export async function pageDigits(page: Page): Promise<string> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.replace(/[\s\u00a0\u202f]/g, '');
}

/** A supervisor keys in their own username and PIN at the clerk's window. */
export async function approveAtWindow(page: Page, username: string, secret: string): Promise<void> {
  await page.getByTestId('approval-dialog').waitFor();
  await page.getByTestId('approval-username').fill(username);
  await page.getByTestId('approval-secret').fill(secret);
  await page.getByTestId('approval-submit').click();
}
