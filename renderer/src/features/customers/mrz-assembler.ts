import { looksLikeMrz, mrzLines, parseMrz, type MrzReading } from '@shared/mrz';

/**
 * The upper line of a document: code and State, then for a passport (44) the name, no digit;
 * for a card (30) the document number and its check digit. A card's name line (third) has no
 * digit either, which is how a family name such as ALI is not taken for a card's first line.
 */
const isFirstLine = (line: string): boolean =>
  line.length === 44 ? /^[PV][A-Z<][A-Z<]{3}/.test(line) && !/\d/.test(line) : /^[ACI][A-Z<][A-Z<]{3}/.test(line) && /\d/.test(line);

/** Lines of one document come within this of each other; older ones belong to an earlier scan. */
const LINE_WINDOW_MS = 2000;

/**
 * An MRZ reaches the window whole (a serial scanner sending all lines in one frame)
 * or line by line (a scanner ending each line with CR, which the serial framer and the
 * wedge listener both take as the end of a code). This puts the lines back together:
 * each code is tried alone first, then with the lines that came just before it.
 * Returns null while it is still waiting for a document's last line, or for a code
 * that is no MRZ at all (a parcel barcode scanned on the same screen).
 */
export class MrzAssembler {
  private lines: Array<{ line: string; at: number }> = [];

  push(code: string, at: number): MrzReading | null {
    if (looksLikeMrz(code)) {
      this.lines = [];
      return parseMrz(code);
    }
    const [line] = mrzLines(code);
    if (!line || mrzLines(code).length !== 1 || !/^[A-Z0-9<]+$/.test(line) || (line.length !== 30 && line.length !== 44)) return null;
    this.lines = [...this.lines.filter((l) => at - l.at <= LINE_WINDOW_MS && l.line.length === line.length), { line, at }].slice(-3);
    const needed = line.length === 44 ? 2 : 3;
    // A document's first line (code, State) starts a new document: earlier lines were another scan.
    if (isFirstLine(line)) this.lines = [{ line, at }];
    if (this.lines.length < needed) return null;
    const reading = parseMrz(this.lines.slice(-needed).map((l) => l.line).join('\n'));
    if (reading.ok) this.lines = [];
    return reading;
  }
}
