// What a technician reads for a printed job, whichever receipt language carried it: the
// tokens ESC/POS and Star Line Mode have in common read the same way. Barcodes and drawer
// pulses differ per language and are worded by each decoder.

export type TranscribedToken =
  | { kind: 'text'; text: string }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; widthDots: number; heightDots: number }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'unknown'; hex: string };

/** One line per printed line or command; settings (init, code page, style) print nothing. */
export function transcribe(token: TranscribedToken | { kind: string }): string[] {
  const t = token as TranscribedToken;
  switch (t.kind) {
    case 'text':
      return t.text.split('\n').filter((line, index, all) => index < all.length - 1 || line !== '');
    case 'qr':
      return [`[QR: ${t.data}]`];
    case 'image':
      return [`[image ${t.widthDots}x${t.heightDots} dots]`];
    case 'cut':
      return [t.partial ? '[partial cut]' : '[cut]'];
    case 'unknown':
      return [`[? ${t.hex}]`];
    default:
      return [];
  }
}
