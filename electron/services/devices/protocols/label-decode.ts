// Reads ZPL and TSPL back into the texts and barcodes they would print (printer simulator).

export interface LabelField {
  kind: 'text' | 'barcode';
  /** ZPL: field origin; TSPL: x,y. */
  x: number;
  y: number;
  value: string;
  symbology?: string;
}

/** `^FH` fields carry `_XX` escapes: decode them as UTF-8 bytes. */
export const decodeFieldHex = (text: string): string => {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '_' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
};

export const decodeZpl = (zpl: string): LabelField[] => {
  const fields: LabelField[] = [];
  // A field is ^FO…^FS; inside, ^B? selects a barcode and ^FH enables hex escapes.
  for (const match of zpl.matchAll(/\^FO(\d+),(\d+)(.*?)\^FS/gs)) {
    const [, x = '0', y = '0', body = ''] = match;
    const data = /\^FD(.*)$/s.exec(body)?.[1] ?? '';
    const value = body.includes('^FH') ? decodeFieldHex(data) : data;
    const barcode = /\^B([A-Z0-9])/.exec(body.replace(/\^BY[\d,]*/, ''));
    if (barcode?.[1]) fields.push({ kind: 'barcode', x: Number(x), y: Number(y), value, symbology: barcode[1] === 'C' ? 'code-128' : barcode[1] });
    else if (data) fields.push({ kind: 'text', x: Number(x), y: Number(y), value });
  }
  return fields;
};

export const decodeTspl = (tspl: string): LabelField[] => {
  const fields: LabelField[] = [];
  for (const line of tspl.split(/\r?\n/)) {
    const text = /^TEXT (\d+),(\d+),"[^"]*",\d+,\d+,\d+,"(.*)"$/.exec(line);
    if (text) fields.push({ kind: 'text', x: Number(text[1]), y: Number(text[2]), value: (text[3] ?? '').replace(/\\\["\]/g, '"') });
    const barcode = /^BARCODE (\d+),(\d+),"([^"]+)",(?:\d+,){5}"(.*)"$/.exec(line);
    if (barcode) fields.push({ kind: 'barcode', x: Number(barcode[1]), y: Number(barcode[2]), value: barcode[4] ?? '', symbology: barcode[3] === '128' ? 'code-128' : barcode[3] });
  }
  return fields;
};

export const describeLabel = (fields: LabelField[]): string[] =>
  fields.map((field) => (field.kind === 'barcode' ? `[barcode ${field.symbology}: ${field.value}]` : field.value));
