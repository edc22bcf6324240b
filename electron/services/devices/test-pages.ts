// What the workshop's "print a test page" buttons print: every feature the counter relies on,
// so one glance at the paper tells the technician whether accents, Arabic and codes come out.
import type { Receipt } from '@shared/receipt';
import type { ParcelLabel } from './protocols/parcel-label';

export const testReceipt = (printerName: string, at: Date = new Date()): Receipt => ({
  demo: true,
  header: ['PAGE DE TEST', printerName],
  entries: [
    { kind: 'text', text: `Date: ${at.toISOString().replace('T', ' ').slice(0, 19)}` },
    { kind: 'text', text: 'Accents: é è ê à ç ô ù É € ' },
    { kind: 'text', text: 'بريد جيبوتي - اختبار الطابعة', align: 'right' },
    { kind: 'item', label: 'Article', quantity: 2, amount: '1 000 DJF' },
    { kind: 'total', label: 'TOTAL', amount: '2 000 DJF' },
    { kind: 'barcode', data: 'RR123456785DJ' },
    { kind: 'qr', data: 'https://example.invalid/test/RR123456785DJ' },
  ],
  footer: ['Fin de la page de test'],
});

export const testLabel = (at: Date = new Date()): ParcelLabel => ({
  s10: 'RR123456785DJ',
  service: 'TEST',
  weightGrams: 1234,
  sender: ['Page de test', 'Expéditeur'],
  recipient: ['Destinataire', 'Adresse de test'],
  branch: 'Atelier technicien',
  postedOn: at.toISOString().slice(0, 10),
  demo: true,
});
