// ZPL II for Zebra printers: a 100×150 mm parcel label. ^CI28 makes field data UTF-8, ^FH lets
// us hex-escape the three characters ZPL would otherwise take as commands.
import { checkLabel, formatWeight, spacedS10, type ParcelLabel } from './parcel-label';

export const escapeZpl = (text: string): string => text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);

const field = (x: number, y: number, size: number, text: string): string =>
  `^FO${x},${y}^A0N,${size},${size}^FH^FD${escapeZpl(text)}^FS`;

export const buildZplLabel = (label: ParcelLabel, dotsPerMm: 8 | 12 = 8): string => {
  checkLabel(label);
  const d = (mm: number): number => Math.round(mm * dotsPerMm);
  const lines: string[] = ['^XA', '^CI28', `^PW${d(100)}`, `^LL${d(150)}`, '^LH0,0'];
  let y = d(5);
  if (label.demo) {
    lines.push(field(d(5), y, d(6), 'DEMO - SANS VALEUR'));
    y += d(8);
  }
  lines.push(field(d(5), y, d(4), `${label.branch}  ${label.postedOn}`));
  y += d(7);
  lines.push(field(d(5), y, d(3.5), 'Expéditeur / From'));
  y += d(5);
  for (const line of label.sender) {
    lines.push(field(d(5), y, d(4), line));
    y += d(5);
  }
  y += d(3);
  lines.push(`^FO${d(3)},${y}^GB${d(94)},3,3^FS`);
  y += d(3);
  lines.push(field(d(5), y, d(3.5), 'Destinataire / To'));
  y += d(5);
  for (const line of label.recipient) {
    lines.push(field(d(5), y, d(6), line));
    y += d(7);
  }
  lines.push(field(d(5), d(90), d(6), `${label.service}   ${formatWeight(label.weightGrams)}`));
  lines.push(`^FO${d(8)},${d(100)}^BY3^BCN,${d(22)},N,N,N^FD${label.s10}^FS`);
  lines.push(field(d(8), d(126), d(9), spacedS10(label.s10)));
  lines.push('^XZ');
  return lines.join('\n') + '\n';
};
