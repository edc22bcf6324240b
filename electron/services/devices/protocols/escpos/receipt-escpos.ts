// Turns the receipt rows (the same rows the on-screen preview shows) into ESC/POS (Epson) or
// Star Line Mode bytes through node-thermal-printer's buffer. We never let the library talk to
// the printer: the bytes go out through our transports, which know serial, reconnect and status.
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { layoutReceipt, type Receipt } from '@shared/receipt';
import { starQr } from '../star/commands';
import { DEFAULT_PRINT_FONT, rasterLine } from './arabic-raster';

export interface ReceiptFormat {
  model: 'epson' | 'star';
  codePage: 'PC858_EURO' | 'PC850_MULTILINGUAL' | 'WPC1252';
  columns: number;
  fontPath?: string;
}

const CHARACTER_SETS = {
  PC858_EURO: CharacterSet.PC858_EURO,
  PC850_MULTILINGUAL: CharacterSet.PC850_MULTILINGUAL,
  WPC1252: CharacterSet.WPC1252,
} as const;

/**
 * Star Line Mode has no PC850 (node-thermal-printer selects Star's page 0, "normal", and then
 * encodes in 850: accents come out wrong). PC858 is PC850 with € in place of the dotless ı.
 */
const codePageFor = (format: ReceiptFormat): ReceiptFormat['codePage'] =>
  format.model === 'star' && format.codePage === 'PC850_MULTILINGUAL' ? 'PC858_EURO' : format.codePage;

/** The library's typings describe Star's code128 settings; Epson's takes module width and HRI position. */
interface EpsonCode128 {
  code128(data: string, settings: { width: number; height: number; hriPos: number }): void;
}

/** 12 dots per character in font A: 48 columns = 576 dots = 80 mm paper. */
const dotsFor = (columns: number): number => columns * 12;

export const buildReceiptBytes = async (receipt: Receipt, format: ReceiptFormat): Promise<Buffer> => {
  const printer = new ThermalPrinter({
    type: format.model === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    characterSet: CHARACTER_SETS[codePageFor(format)],
    width: format.columns,
    // No interface: we only want the bytes (an empty one makes the library skip opening a port).
    interface: '',
  });
  // ESC @ first: whatever the last job left (double height, another code page) is reset.
  const init = Buffer.of(0x1b, 0x40);
  for (const row of layoutReceipt(receipt, format.columns)) {
    switch (row.kind) {
      case 'text':
        if (row.align === 'center') printer.alignCenter();
        else if (row.align === 'right') printer.alignRight();
        else printer.alignLeft();
        if (row.rtl) {
          printer.alignLeft();
          await printer.printImageBuffer(
            rasterLine(row.text, {
              widthDots: dotsFor(format.columns),
              fontPath: format.fontPath ?? DEFAULT_PRINT_FONT,
              fontPx: row.large ? 40 : 26,
              align: row.align === 'left' ? 'right' : row.align,
              bold: row.bold,
            }),
          );
          break;
        }
        printer.bold(row.bold);
        if (row.large) printer.setTextDoubleHeight();
        printer.println(row.text);
        if (row.large) printer.setTextNormal();
        printer.bold(false);
        break;
      case 'barcode':
        printer.alignCenter();
        // HRI below: the clerk can type the number if the barcode does not scan.
        if (format.model === 'epson') (printer as unknown as EpsonCode128).code128(row.data, { width: 2, height: 80, hriPos: 2 });
        else printer.code128(row.data, { width: 'MEDIUM', height: 80, text: 2 });
        printer.newLine();
        break;
      case 'qr':
        printer.alignCenter();
        if (format.model === 'star') printer.add(starQr(row.data, 6));
        else printer.printQR(row.data, { cellSize: 6, correction: 'M', model: 2 });
        printer.newLine();
        break;
      case 'cut':
        printer.alignLeft();
        printer.cut();
        break;
    }
  }
  return Buffer.concat([init, printer.getBuffer()]);
};
