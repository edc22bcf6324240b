// On an Arabic receipt the amounts print as images drawn by Skia. Drawn without isolation, the
// bidi algorithm split "1 450 DJF" at the spaces and printed "DJF 450 1". Each image here is
// compared, ink to ink, with the same amount drawn left to right on its own.
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_FONT, rasterLine } from '../../electron/services/devices/protocols/escpos/arabic-raster';
import { isolateLeftToRight } from '@shared/bidi';

const FONT_PX = 26;
const WIDTH = 576;

interface Ink {
  width: number;
  height: number;
  dark: boolean[];
}

/** The dark pixels of an image, cropped to their bounding box. */
async function inkOf(png: Buffer): Promise<Ink> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const darkAt = (x: number, y: number) => data[(y * image.width + x) * 4]! < 128;
  let [left, right, top, bottom] = [image.width, -1, image.height, -1];
  for (let y = 0; y < image.height; y += 1)
    for (let x = 0; x < image.width; x += 1)
      if (darkAt(x, y)) [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
  const width = right - left + 1;
  const height = bottom - top + 1;
  const dark: boolean[] = [];
  for (let y = top; y <= bottom; y += 1) for (let x = left; x <= right; x += 1) dark.push(darkAt(x, y));
  return { width, height, dark };
}

/**
 * Share of the reference's pixels that the drawing repeats at its left edge, at the best of a few
 * one-pixel shifts (Skia places glyphs at subpixel positions, so edges move by a pixel).
 */
function agreement(reference: Ink, drawn: Ink): number {
  const height = Math.min(reference.height, drawn.height);
  let best = 0;
  for (let shift = -2; shift <= 2; shift += 1) {
    let same = 0;
    for (let y = 0; y < height; y += 1)
      for (let x = 0; x < reference.width; x += 1) {
        const column = x + shift;
        const dark = column >= 0 && column < drawn.width && drawn.dark[y * drawn.width + column] === true;
        if (reference.dark[y * reference.width + x] === dark) same += 1;
      }
    best = Math.max(best, same / (height * reference.width));
  }
  return best;
}

/** The amount drawn left to right by itself: what the receipt must show. */
function leftToRight(text: string): Buffer {
  GlobalFonts.registerFromPath(DEFAULT_PRINT_FONT, 'ReferenceLtr');
  const canvas = createCanvas(WIDTH, Math.ceil(FONT_PX * 1.5));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = `${FONT_PX}px ReferenceLtr`;
  ctx.direction = 'ltr';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 0, canvas.height / 2);
  return canvas.toBuffer('image/png');
}

const raster = (text: string) => rasterLine(text, { widthDots: WIDTH, fontPath: DEFAULT_PRINT_FONT, fontPx: FONT_PX, align: 'right', bold: false });

describe('amounts on an Arabic receipt image', () => {
  it.each([
    ['1 450 DJF', 'DJF 450 1'],
    ['12 000 DJF', 'DJF 000 12'],
    ['DJ-DEMO-000123', '000123-DEMO-DJ'],
  ])('keeps %s in its own order (never %s)', async (amount, reversed) => {
    const drawn = await inkOf(raster(amount));
    const right = agreement(await inkOf(leftToRight(amount)), drawn);
    const wrong = agreement(await inkOf(leftToRight(reversed)), drawn);
    expect(right).toBeGreaterThan(0.95);
    expect(right - wrong).toBeGreaterThan(0.05);
  });

  it('keeps the amount whole at the end of an Arabic total line', async () => {
    // In a right-to-left line the label reads first, at the right; the amount ends the line, at the left.
    const drawn = await inkOf(raster('الإجمالي 1 450 DJF'));
    const right = agreement(await inkOf(leftToRight('1 450 DJF')), drawn);
    const wrong = agreement(await inkOf(leftToRight('DJF 450 1')), drawn);
    expect(right).toBeGreaterThan(0.95);
    expect(right - wrong).toBeGreaterThan(0.05);
  });

  it('isolates only the left-to-right stretches', () => {
    expect(isolateLeftToRight('الإجمالي 1 450 DJF')).toBe('الإجمالي \u20681 450 DJF\u2069');
    expect(isolateLeftToRight('نسخة')).toBe('نسخة');
    expect(isolateLeftToRight('مرحبًا Amina Guichetière')).toBe('مرحبًا \u2068Amina Guichetière\u2069');
    expect(isolateLeftToRight('3 x طابع  1 050 DJF')).toBe('\u20683 x\u2069 طابع  \u20681 050 DJF\u2069');
  });
});
