// The workshop form for a passbook printer: typed fields to a configuration the contract accepts,
// and back, keeping the columns and status codes the form does not show.
import { describe, expect, it } from 'vitest';
import { DeviceConfig } from '@shared/devices/device-config';
import { checkDevice, emptyDevice, fieldsOf } from '../../../renderer/src/features/workshop/device-form-state';

describe('passbook printer in the workshop form', () => {
  it('turns the form into a passbook printer configuration and flags a bad line count on its own field', () => {
    const fields = { ...emptyDevice('passbook-printer', 'passbook-printer-1'), name: 'Livrets', path: '/dev/ttyUSB1', passbookModel: 'epson-escp', linesPerPage: '30', foldAfterLine: '15' };
    const checked = checkDevice(fields);
    if (!checked.ok) throw new Error(`refused: ${[...checked.invalid].join(', ')}`);
    expect(checked.config).toMatchObject({ kind: 'passbook-printer', model: 'epson-escp', transport: { type: 'serial', path: '/dev/ttyUSB1' }, layout: { linesPerPage: 30, foldAfterLine: 15, pages: 8 } });
    const bad = checkDevice({ ...fields, linesPerPage: 'many' });
    expect(bad.ok ? [] : [...bad.invalid]).toEqual(['linesPerPage']);
  });

  it('keeps what the form does not show (columns, status codes) when a saved printer is edited', () => {
    const saved = DeviceConfig.parse({
      id: 'pb',
      name: 'Livrets',
      kind: 'passbook-printer',
      transport: { type: 'tcp', host: '10.0.0.7', port: 9100 },
      layout: { balance: { at: 60, width: 14 } },
      status: { pr2DocumentPresent: [0x50] },
    });
    const edited = checkDevice({ ...fieldsOf(saved), pages: '12' });
    if (!edited.ok) throw new Error('refused');
    expect(edited.config).toMatchObject({ layout: { pages: 12, balance: { at: 60, width: 14 } }, status: { pr2DocumentPresent: [0x50] } });
  });
});
