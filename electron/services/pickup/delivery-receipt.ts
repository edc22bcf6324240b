import type { BranchProfile, HandOverResult, IdDocumentType } from '@shared/contract';
import { formatMoney } from '@shared/money';
import type { Receipt } from '@shared/receipt';
import { operationNumberEntry } from '../till/receipt-words';
import type { PickupParcelRow } from './pickup-parcels.repository';

const WORDS = {
  fr: {
    title: 'Remise de colis',
    recipient: 'Destinataire',
    idChecked: 'Pièce d’identité vérifiée',
    cod: 'Contre-remboursement',
    paid: 'Espèces reçues',
    change: 'Rendu',
    signature: 'Signature du destinataire :',
    documents: { 'national-id': 'Carte nationale d’identité', passport: 'Passeport', 'residence-permit': 'Titre de séjour', 'driving-licence': 'Permis de conduire' },
  },
  en: {
    title: 'Parcel delivery',
    recipient: 'Recipient',
    idChecked: 'Identity document checked',
    cod: 'Cash on delivery',
    paid: 'Cash received',
    change: 'Change',
    signature: 'Recipient’s signature:',
    documents: { 'national-id': 'National identity card', passport: 'Passport', 'residence-permit': 'Residence permit', 'driving-licence': 'Driving licence' },
  },
  ar: {
    title: 'تسليم طرد',
    recipient: 'المرسل إليه',
    idChecked: 'وثيقة الهوية المتحقق منها',
    cod: 'الدفع عند الاستلام',
    paid: 'المبلغ المستلم',
    change: 'الباقي',
    signature: 'توقيع المستلم:',
    documents: { 'national-id': 'بطاقة الهوية الوطنية', passport: 'جواز السفر', 'residence-permit': 'بطاقة الإقامة', 'driving-licence': 'رخصة القيادة' },
  },
} as const satisfies Record<BranchProfile['language'], { documents: Record<IdDocumentType, string> } & Record<string, unknown>>;

/**
 * The recipient's delivery receipt, in the branch's language: who took the parcel, which
 * identity document was checked (its kind in words, never the code), the money collected.
 */
export function deliveryReceipt(
  parcel: PickupParcelRow,
  result: Pick<HandOverResult, 'collected' | 'tendered' | 'change'> & { operationNumber: string },
  context: { branch: BranchProfile; at: string; operator: string; idType: IdDocumentType },
): Receipt {
  const words = WORDS[context.branch.language];
  return {
    header: [context.branch.name, context.branch.code, words.title],
    entries: [
      operationNumberEntry(context.branch.language, result.operationNumber),
      { kind: 'text', text: `${context.at.slice(0, 16).replace('T', ' ')}  ${context.operator}` },
      { kind: 'rule' },
      { kind: 'text', text: `${parcel.marketplace} - ${parcel.sender}` },
      { kind: 'text', text: `${words.recipient}: ${parcel.recipient_name}` },
      { kind: 'text', text: `${words.idChecked}: ${words.documents[context.idType]}` },
      { kind: 'barcode', data: parcel.barcode },
      { kind: 'text', text: parcel.barcode, align: 'center' },
      { kind: 'rule' },
      { kind: 'total', label: words.cod, amount: formatMoney(result.collected) },
      { kind: 'item', label: words.paid, amount: formatMoney(result.tendered) },
      { kind: 'item', label: words.change, amount: formatMoney(result.change) },
    ],
    footer: [words.signature, '', '______________________'],
    demo: context.branch.demo,
    language: context.branch.language,
  };
}
