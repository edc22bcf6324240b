// The technician's workshop in Chromium against the browser host, with real simulated hardware:
// an MT-SICS scale on a socat pty pair and a receipt printer on a loopback TCP port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { createPtyPair, type PtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { PrinterServer } from '../../electron/services/devices/simulators/printer-server';
import { ScaleSimulator } from '../../electron/services/devices/simulators/scale-simulator';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';

let running: RunningBrowserHost;
let browser: Browser;
let pair: PtyPair;
let scale: ScaleSimulator;
const printer = new PrinterServer();
const data = makeTempDir('counter-e2e-workshop-');

beforeAll(async () => {
  pair = await createPtyPair(join(data.dir, 'scale-counter'), join(data.dir, 'scale-sim'));
  scale = new ScaleSimulator(pair.simulatorPath, 'mt-sics');
  await scale.start();
  scale.set({ grams: 1250 });
  await printer.start();
  running = await startBrowserHost({ dataDir: data.dir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await scale?.stop();
  await pair?.unplug();
  await printer.stop();
  data.remove();
});

/** Mantine's Select: open it, pick the option by its visible label. */
const pick = async (page: Page, testId: string, label: string) => {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
};

/**
 * A scanner's burst as trusted key events (they type into the focused field), each stamped 5 ms
 * after the last as the OS stamps a scanner's keys: Playwright's keyboard stamps them when a busy
 * test machine gets round to them, which can space them wider than a scanner ever would.
 */
const scannerTypes = async (page: Page, code: string): Promise<void> => {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...code].flatMap((character) => {
    const upper = /[A-Z]/.test(character);
    const key = {
      key: character,
      code: /\d/.test(character) ? `Digit${character}` : `Key${character.toUpperCase()}`,
      windowsVirtualKeyCode: character.toUpperCase().charCodeAt(0),
      modifiers: upper ? 8 : 0,
    };
    return [
      { type: 'keyDown', ...key, text: character, unmodifiedText: character },
      { type: 'keyUp', ...key },
    ];
  });
  keys.push({ type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, modifiers: 0, text: '\r', unmodifiedText: '\r' });
  keys.push({ type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, modifiers: 0 });
  const events = keys.map((event, index) => ({ ...event, timestamp: start + Math.floor(index / 2) * 0.005 }));
  await Promise.all(events.map((event) => cdp.send('Input.dispatchKeyEvent', event as never)));
  await cdp.detach();
};

const card = (page: Page, kind: string): Locator => page.locator(`[data-testid="device-card"][data-kind="${kind}"]`);
const printedText = () => printer.jobs.map((job) => job.transcript.join('\n')).join('\n');

test('a technician configures a scale and a printer, tests them, and watches the weight live', async () => {
  const { context, page, errors } = await openCounter(browser, running.web.url);
  await signIn(page, 'ismail', '9012');
  await page.getByTestId('tile-workshop').click();
  await page.getByTestId('workshop').waitFor();
  await page.getByTestId('no-devices').waitFor();

  // A path the port list cannot show (a socat cable) is typed and checked on the counter's PC.
  await page.getByTestId('serial-path-input').fill(pair.devicePath);
  await page.getByTestId('serial-path-button').click();
  await page.locator('[data-testid="serial-path-verdict"][data-verdict="pty"]').waitFor();
  await expect(page.getByTestId('serial-path-verdict').textContent()).resolves.toContain('Câble virtuel');
  await page.getByTestId('serial-path-input').fill(`${pair.devicePath}-nothing`);
  await page.getByTestId('serial-path-input').press('Enter');
  await page.locator('[data-testid="serial-path-verdict"][data-verdict="missing"]').waitFor();

  // A form the contract's schema refuses is marked before anything is sent.
  await page.getByTestId('add-device').click();
  await page.getByTestId('device-port').fill('quatre-vingt');
  await page.getByTestId('device-save').click();
  await expect(page.getByText('Valeur invalide').count()).resolves.toBeGreaterThanOrEqual(2);
  await screenshot(page, 'workshop-form-refused');
  await page.getByRole('button', { name: 'Annuler' }).click();

  // The scale, on the counter's end of the virtual serial cable.
  await page.getByTestId('add-device').click();
  await pick(page, 'device-kind', 'Balance');
  await page.getByTestId('device-name').fill('Balance guichet 1');
  await page.getByTestId('device-path').fill(pair.devicePath);
  await page.keyboard.press('Escape'); // closes the port suggestions, not the form
  await pick(page, 'device-scaleProtocol', 'mt-sics');
  await page.getByTestId('device-save').click();
  await page.getByText('Configuration enregistrée.').waitFor();
  const scaleCard = card(page, 'scale');
  await page.locator('[data-testid="device-card"][data-kind="scale"][data-power="online"]').waitFor();
  const live = scaleCard.getByTestId('weight-display').first();
  await page.waitForFunction(() => document.querySelector('[data-kind="scale"] [data-testid="weight-display"]')?.getAttribute('data-grams') === '1250');
  await expect(live.getAttribute('data-status')).resolves.toBe('stable');

  // The weight follows the pan, with its status.
  scale.set({ grams: 2345, motion: true });
  await page.waitForFunction(() => {
    const display = document.querySelector('[data-kind="scale"] [data-testid="weight-display"]');
    return display?.getAttribute('data-grams') === '2345' && display.getAttribute('data-status') === 'unstable';
  });
  scale.set({ motion: false });
  await page.waitForFunction(() => document.querySelector('[data-kind="scale"] [data-testid="weight-display"]')?.getAttribute('data-status') === 'stable');
  await scaleCard.getByTestId(/^read-scale-/).click();
  await scaleCard.locator('[data-testid^="reading-"] [data-grams="2345"]').waitFor();
  await scaleCard.getByTestId(/^tare-scale-/).click();
  await scaleCard.locator('[data-testid^="outcome-"][data-ok="true"]').waitFor();
  expect(scale.received).toContain('tare');
  await scaleCard.getByTestId(/^show-bytes-/).click();
  await scaleCard.locator('[data-testid^="bytes-"] tr[data-direction="in"]').first().waitFor();

  // The receipt printer on its loopback port.
  await page.getByTestId('add-device').click();
  await page.getByTestId('device-name').fill('Imprimante tickets');
  await page.getByTestId('device-host').fill('127.0.0.1');
  await page.getByTestId('device-port').fill(String(printer.port));
  await page.getByTestId('device-save').click();
  const printerCard = card(page, 'receipt-printer');
  await page.locator('[data-testid="device-card"][data-kind="receipt-printer"][data-power="online"]').waitFor();
  await printerCard.getByTestId(/^test-print-/).click();
  await printerCard.locator('[data-testid^="outcome-"][data-ok="true"]').waitFor();
  await expect.poll(printedText, { timeout: 15_000 }).toContain('PAGE DE TEST');
  expect(printedText()).toContain('é è ê à ç');
  const before = printer.captured.length;
  await printerCard.getByTestId(/^open-drawer-/).click();
  await expect.poll(() => printer.captured.subarray(before).includes(Buffer.of(0x1b, 0x70)), { timeout: 15_000 }).toBe(true);

  // A keyboard-wedge scanner on an AZERTY PC: the digit row reports & é " … as `key`, Digit1.. as `code`.
  await page.evaluate(() => {
    const keys: [string, string, boolean][] = [
      ['KeyR', 'R', true], ['KeyR', 'R', true], ['Digit1', '&', false], ['Digit2', 'é', false], ['Digit3', '"', false],
      ['Digit4', "'", false], ['Digit5', '(', false], ['Digit6', '-', false], ['Digit7', 'è', false], ['Digit8', '_', false],
      ['Digit5', '(', false], ['KeyD', 'D', true], ['KeyJ', 'J', true], ['Enter', 'Enter', false],
    ];
    for (const [code, key, shiftKey] of keys) window.dispatchEvent(new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="last-scan"]')?.getAttribute('data-code') === 'RR12345678' + '5DJ');

  // The same scanner while a text field has the focus, with real key events (which do type into
  // fields): the scan is read, and none of it lands in the field — not even its first keys, which
  // reach the field before the burst can be told from typing. Typing at a person's pace still works.
  await page.getByTestId('add-device').click();
  const name = page.getByTestId('device-name');
  await name.click();
  await page.keyboard.type('Bal', { delay: 150 });
  await scannerTypes(page, 'CP000000015DJ');
  await page.waitForFunction(() => document.querySelector('[data-testid="last-scan"]')?.getAttribute('data-code') === 'CP00000001' + '5DJ');
  await expect(name.inputValue()).resolves.toBe('Bal');
  await page.keyboard.type('ance', { delay: 150 });
  await expect(name.inputValue()).resolves.toBe('Balance');
  // The scan's Enter did not submit the half-filled form either.
  await expect(page.getByTestId('device-form-error').count()).resolves.toBe(0);
  await screenshot(page, 'workshop-scan-into-focused-field');
  // Cancel, not Escape: Escape also leaves the workshop.
  await page.getByTestId('device-form').getByRole('button', { name: 'Annuler' }).click();
  await page.getByTestId('device-form').waitFor({ state: 'detached' });

  await screenshot(page, 'workshop-scale-and-printer');

  // The support bundle downloads as JSON with both devices and their log.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-bundle').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^devices-DJ-DEMO-.*\.json$/);
  const bundle = JSON.parse(readFileSync(await file.path(), 'utf8')) as { devices: { config: { kind: string } }[]; log: unknown[] };
  expect(bundle.devices.map((device) => device.config.kind).sort()).toEqual(['receipt-printer', 'scale']);
  expect(bundle.log.length).toBeGreaterThan(0);

  // The status bar counts them too.
  await expect(page.getByTestId('status-devices').textContent()).resolves.toContain('2/2');
  expect(errors).toEqual([]);
  await context.close();
});
