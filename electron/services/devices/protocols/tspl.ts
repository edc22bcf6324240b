// TSPL for TSC / Gprinter label printers: the same 100×150 mm parcel label as the ZPL one.
import { checkLabel, formatWeight, spacedS10, type ParcelLabel } from './parcel-label';

/** TSPL has no backslash escapes; a double quote inside a string is written \["]. */
export const escapeTspl = (text: string): string => text.replace(/"/g, '\\["]');

export const buildTsplLabel = (label: ParcelLabel, dotsPerMm: 8 | 12 = 8): string => {
  checkLabel(label);
  const d = (mm: number): number => Math.round(mm * dotsPerMm);
  const text = (x: number, y: number, font: string, value: string): string =>
    `TEXT ${x},${y},"${font}",0,1,1,"${escapeTspl(value)}"`;
  const lines = ['SIZE 100 mm,150 mm', 'GAP 3 mm,0 mm', 'DIRECTION 1', 'CODEPAGE UTF-8', 'CLS'];
  let y = d(5);
  if (label.demo) {
    lines.push(text(d(5), y, '4', 'DEMO - SANS VALEUR'));
    y += d(8);
  }
  lines.push(text(d(5), y, '3', `${label.branch}  ${label.postedOn}`));
  y += d(7);
  for (const line of ['Expéditeur / From', ...label.sender]) {
    lines.push(text(d(5), y, '2', line));
    y += d(5);
  }
  y += d(3);
  lines.push(`BAR ${d(3)},${y},${d(94)},3`);
  y += d(3);
  for (const line of ['Destinataire / To', ...label.recipient]) {
    lines.push(text(d(5), y, '3', line));
    y += d(7);
  }
  lines.push(text(d(5), d(90), '4', `${label.service}   ${formatWeight(label.weightGrams)}`));
  lines.push(`BARCODE ${d(8)},${d(100)},"128",${d(22)},0,0,3,6,"${label.s10}"`);
  lines.push(text(d(8), d(126), '5', spacedS10(label.s10)));
  lines.push('PRINT 1,1');
  return lines.join('\r\n') + '\r\n';
};
