// Device configuration through the router: technicians only, audited in the same transaction,
// refused with the offending fields when invalid; printers tested against a loopback printer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfigInput } from '../../../electron/services/devices/config';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { waitUntil } from '../../devices/helpers';

let fixture: CounterFixture;
let technician: string;
let clerk: string;
let printer: PrinterServer;

const receiptPrinter = (port: number): DeviceConfigInput => ({
  id: 'receipt',
  name: 'Imprimante tickets',
  kind: 'receipt-printer',
  transport: { type: 'tcp', host: '127.0.0.1', port },
});

beforeAll(async () => {
  printer = new PrinterServer();
  await printer.start();
  fixture = await startCounter();
  technician = await fixture.signIn('ismail', '9012');
  clerk = await fixture.signIn('amina', '1234');
});

afterAll(async () => {
  await fixture?.close();
  await printer?.stop();
});

describe('device configuration', () => {
  it('is saved by a technician, audited with before and after, and shown live', async () => {
    const saved = await fixture.ok('devices.save', receiptPrinter(printer.port), technician);
    expect(saved.config).toMatchObject({ id: 'receipt', kind: 'receipt-printer', model: 'epson', codePage: 'PC858_EURO', columns: 48 });

    const audit = await fixture.ok('audit.list', { limit: 10, action: 'device.config.save' }, technician);
    expect(audit[0]).toMatchObject({ actor: 'ismail', subject: 'receipt', outcome: 'ok' });
    expect(audit[0]?.details).toMatchObject({ before: null, after: { transport: { port: printer.port } } });

    await waitUntil(() => fixture.counter.status().devices.some((device) => device.id === 'receipt' && device.state === 'online'), 10_000, 'printer online in the status bar');
    const { devices } = await fixture.ok('devices.list', {}, technician);
    expect(devices).toHaveLength(1);
    expect(devices[0]?.status).toMatchObject({ power: 'online', enabled: true, link: `tcp://127.0.0.1:${printer.port}` });
  });

  it('refuses a clerk: configuration, drawer and test page are technicians’ business', async () => {
    const save = await fixture.call('devices.save', receiptPrinter(printer.port), clerk);
    expect(errorCode(save)).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await fixture.call('devices.openDrawer', {}, clerk))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await fixture.call('devices.testPrint', {}, clerk))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await fixture.call('devices.remove', { id: 'receipt' }, clerk))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await fixture.call('devices.list', {}))).toBe('NO_SESSION');
    // The refused call left no trace in the configuration.
    const audit = await fixture.ok('audit.list', { limit: 50, action: 'device.config.save' }, technician);
    expect(audit.every((entry) => entry.actor === 'ismail')).toBe(true);
  });

  it('refuses an invalid configuration with the offending fields, and stores nothing', async () => {
    const response = await fixture.call(
      'devices.save',
      { id: 'scale', name: 'Balance', kind: 'scale', protocol: 'toledo-9999', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: -5 } },
      technician,
    );
    expect(errorCode(response)).toBe('INVALID_INPUT');
    const paths = response.ok ? [] : (response.error.details?.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['protocol', 'transport.baudRate']));

    const drawer = await fixture.call('devices.save', { id: 'drawer', name: 'Tiroir', kind: 'cash-drawer', printerId: 'nowhere' }, technician);
    expect(errorCode(drawer)).toBe('INVALID_INPUT');
    expect(JSON.stringify(drawer.ok ? null : drawer.error.details)).toContain('printerId');

    const { devices } = await fixture.ok('devices.list', {}, technician);
    expect(devices.map((device) => device.config.id)).toEqual(['receipt']);
  });

  it('prints a test page and kicks the drawer through the printer; the drawer opening is audited', async () => {
    await fixture.ok('devices.save', { id: 'drawer', name: 'Tiroir', kind: 'cash-drawer', printerId: 'receipt' }, technician);
    await fixture.ok('devices.testPrint', { id: 'receipt' }, technician);
    await waitUntil(() => printer.jobs.some((job) => job.transcript.join('\n').includes('PAGE DE TEST')), 10_000, 'test page at the printer');
    const page = printer.jobs.find((job) => job.transcript.join('\n').includes('PAGE DE TEST'))!.transcript.join('\n');
    expect(page).toContain('é è ê à ç');
    expect(page).toContain('RR123456785DJ');

    const before = printer.captured.length;
    await fixture.ok('devices.openDrawer', { id: 'drawer' }, technician);
    await waitUntil(() => printer.captured.length > before, 10_000, 'drawer pulse at the printer');
    // ESC p m t1 t2: the full five bytes, timings included.
    expect(printer.captured.subarray(before).includes(Buffer.of(0x1b, 0x70))).toBe(true);
    const audit = await fixture.ok('audit.list', { limit: 5, action: 'device.drawer.open' }, technician);
    expect(audit[0]).toMatchObject({ actor: 'ismail', subject: 'drawer', outcome: 'ok' });

    const bytes = await fixture.ok('devices.lastBytes', { id: 'receipt' }, technician);
    expect(bytes.entries.some((entry) => entry.direction === 'out' && entry.hex.includes('1b70'))).toBe(true);
  });

  it('will not remove a printer a drawer hangs off, and names unknown devices', async () => {
    expect(errorCode(await fixture.call('devices.remove', { id: 'receipt' }, technician))).toBe('RULE_BROKEN');
    expect(errorCode(await fixture.call('devices.remove', { id: 'ghost' }, technician))).toBe('NOT_FOUND');
    expect(errorCode(await fixture.call('devices.testPrint', { id: 'ghost' }, technician))).toBe('NOT_FOUND');
    expect(errorCode(await fixture.call('devices.readScale', {}, technician))).toBe('DEVICE_UNAVAILABLE');

    await fixture.ok('devices.remove', { id: 'drawer' }, technician);
    await fixture.ok('devices.remove', { id: 'receipt' }, technician);
    expect((await fixture.ok('devices.list', {}, technician)).devices).toEqual([]);
    expect(fixture.counter.status().devices).toEqual([]);
    const removals = await fixture.ok('audit.list', { limit: 5, action: 'device.config.remove' }, technician);
    expect(removals.map((entry) => entry.subject)).toEqual(['receipt', 'drawer']);
  });

  it('a printer switched off answers DEVICE_UNAVAILABLE with the reason, never INTERNAL', async () => {
    const off = new PrinterServer();
    const port = await off.start();
    await off.stop();
    await fixture.ok('devices.save', { ...receiptPrinter(port), id: 'off' }, technician);
    const response = await fixture.call('devices.testPrint', { id: 'off' }, technician);
    expect(errorCode(response)).toBe('DEVICE_UNAVAILABLE');
    expect(response.ok ? '' : response.error.message).toMatch(/offline/);
    const bundle = await fixture.ok('devices.diagnosticBundle', {}, technician);
    expect(bundle.fileName).toMatch(/^devices-DJ-DEMO-.*\.json$/);
    const content = JSON.parse(bundle.json) as { devices: { config: { id: string } }[]; log: unknown[] };
    expect(content.devices.map((device) => device.config.id)).toEqual(['off']);
    expect(content.log.length).toBeGreaterThan(0);
  });
});
