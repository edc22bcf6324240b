// Thermal printers have no Arabic shaping and print code pages left to right, so an Arabic line
// comes out as isolated letters in reverse. We draw the line with a bundled font (Skia shapes
// and orders it) and send it as a raster image.
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { isolateLeftToRight } from '@shared/bidi';

export const DEFAULT_PRINT_FONT = fileURLToPath(new URL('../../../../../resources/fonts/DejaVuSans.ttf', import.meta.url));
const familyByPath = new Map<string, string>();

export interface RasterOptions {
  /** Printable width in dots: 576 on 80 mm paper, 384 on 58 mm. */
  widthDots: number;
  fontPath: string;
  fontPx: number;
  align: 'left' | 'center' | 'right';
  bold: boolean;
}

/** Registers each font file once under its own family name, so two configured fonts never clash. */
const family = (fontPath: string): string => {
  const known = familyByPath.get(fontPath);
  if (known) return known;
  const name = `CounterPrint${familyByPath.size}`;
  if (!GlobalFonts.registerFromPath(fontPath, name)) throw new Error(`print font not loadable: ${fontPath}`);
  familyByPath.set(fontPath, name);
  return name;
};

/** PNG of one line of right-to-left text, black on white, the height of the font plus margin. */
export const rasterLine = (text: string, opts: RasterOptions): Buffer => {
  const height = Math.ceil(opts.fontPx * 1.5);
  const canvas = createCanvas(opts.widthDots, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, opts.widthDots, height);
  ctx.fillStyle = '#000000';
  ctx.font = `${opts.bold ? 'bold ' : ''}${opts.fontPx}px ${family(opts.fontPath)}`;
  ctx.direction = 'rtl';
  ctx.textBaseline = 'middle';
  const x = opts.align === 'center' ? opts.widthDots / 2 : opts.align === 'left' ? 0 : opts.widthDots - 1;
  ctx.textAlign = opts.align === 'center' ? 'center' : opts.align === 'left' ? 'left' : 'right';
  // Amounts and codes keep their own order inside the Arabic line ("1 450 DJF", not "DJF 450 1").
  ctx.fillText(isolateLeftToRight(text), x, height / 2);
  return canvas.toBuffer('image/png');
};
