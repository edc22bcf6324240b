import { describe, expect, it } from 'vitest';
import { MrzAssembler } from '../../../renderer/src/features/customers/mrz-assembler';

const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('an MRZ scanned line by line or whole', () => {
  it('reads a card whose lines came as three scans, and waits until the last', () => {
    const assembler = new MrzAssembler();
    expect(assembler.push(TD1[0]!, 0)).toBeNull();
    expect(assembler.push(TD1[1]!, 40)).toBeNull();
    expect(assembler.push(TD1[2]!, 80)).toMatchObject({ ok: true, document: { documentNumber: 'D23145890' } });
  });

  it('does not take a card holder named ALI for the start of another card', () => {
    const assembler = new MrzAssembler();
    const ali = 'ALI<<FATOUMA<<<<<<<<<<<<<<<<<<';
    expect(assembler.push(TD1[0]!, 0)).toBeNull();
    expect(assembler.push(TD1[1]!, 40)).toBeNull();
    expect(assembler.push(ali, 80)).toMatchObject({ ok: true, document: { familyName: 'ALI', givenNames: 'FATOUMA' } });
  });

  it('reads a passport sent whole, and ignores a parcel barcode scanned meanwhile', () => {
    const assembler = new MrzAssembler();
    expect(assembler.push('RR123456785DJ', 0)).toBeNull();
    expect(assembler.push(TD3.join('\r'), 10)).toMatchObject({ ok: true, document: { documentNumber: 'L898902C3', familyName: 'ERIKSSON' } });
  });

  it('does not join lines of scans seconds apart, and names a misread line', () => {
    const assembler = new MrzAssembler();
    expect(assembler.push(TD3[0]!, 0)).toBeNull();
    expect(assembler.push(TD3[1]!, 5000)).toBeNull();
    expect(assembler.push(TD3[0]!, 6000)).toBeNull();
    expect(assembler.push(TD3[1]!.replace('L898902C36', 'L898902C37'), 6050)).toEqual({ ok: false, fault: 'mrz-document-number-check' });
  });
});
