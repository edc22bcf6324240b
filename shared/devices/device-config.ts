// Device configuration as the technician sets it in the workshop and the branch database keeps it.
// One schema, validated on the way in (workshop form, router, device layer), so a bad baud rate
// is refused at the form, not at the scale. Shared: imports zod and the contract's text rule.
import { z } from 'zod';
import { code, deviceBytes, name } from '../contract/text';

/** A serial port or device file: `/dev/ttyUSB0`, `COM3`, `/dev/serial/by-id/…`. */
const DevicePath = code(1024).min(1);

export const SerialLink = z.strictObject({
  type: z.literal('serial'),
  path: DevicePath,
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
});

export const TcpLink = z.strictObject({
  type: z.literal('tcp'),
  host: code(253).min(1),
  port: z.number().int().min(1).max(65535).default(9100),
});

export const FileLink = z.strictObject({ type: z.literal('file'), path: DevicePath });

export const TransportConfig = z.discriminatedUnion('type', [SerialLink, TcpLink, FileLink]);
export type TransportConfig = z.infer<typeof TransportConfig>;

export const ScaleProtocolName = z.enum(['toledo-8217', 'mt-sics', 'dialog-06', 'nci-scp01', 'continuous-pattern']);
export type ScaleProtocolName = z.infer<typeof ScaleProtocolName>;

export const ContinuousPatternConfig = z.strictObject({
  pattern: code(200).min(1).refine((source) => {
    try {
      return new RegExp(source).source.includes('?<weight>');
    } catch {
      return false;
    }
  }, 'must be a valid regular expression with a (?<weight>…) group'),
  terminator: deviceBytes(8).min(1).default('\r\n'),
  stableStates: z.array(code(16)).max(16).default(['ST']),
  overloadStates: z.array(code(16)).max(16).default(['OL']),
  unit: z.enum(['kg', 'g', 'lb', 'oz']).default('kg'),
});

const common = {
  id: code(64).min(1),
  name: name(80).min(1),
  enabled: z.boolean().default(true),
};

export const ScaleConfig = z.strictObject({
  ...common,
  kind: z.literal('scale'),
  transport: TransportConfig,
  protocol: ScaleProtocolName,
  /** Unit the Toledo 8217 is set to (it does not say in its replies). */
  unit: z.enum(['kg', 'lb']).default('kg'),
  pattern: ContinuousPatternConfig.optional(),
  /** Unset: the shortest period the serial line allows (about 40–60 ms at 9600 baud); MT-SICS streams instead. */
  pollMs: z.number().int().min(20).max(5000).optional(),
  replyTimeoutMs: z.number().int().min(50).max(10000).default(800),
});

export const ScannerConfig = z.strictObject({ ...common, kind: z.literal('scanner'), transport: TransportConfig });

export const ReceiptPrinterConfig = z.strictObject({
  ...common,
  kind: z.literal('receipt-printer'),
  transport: TransportConfig,
  model: z.enum(['epson', 'star']).default('epson'),
  codePage: z.enum(['PC858_EURO', 'PC850_MULTILINGUAL', 'WPC1252']).default('PC858_EURO'),
  /** Characters per line: 48 on 80 mm paper, 32 on 58 mm. */
  columns: z.number().int().min(24).max(64).default(48),
});

export const LabelPrinterConfig = z.strictObject({
  ...common,
  kind: z.literal('label-printer'),
  transport: TransportConfig,
  protocol: z.enum(['zpl', 'tspl']),
  dotsPerMm: z.union([z.literal(8), z.literal(12)]).default(8),
});

/**
 * Where lines go in a passbook: the same geometry for every printer language. Lines are counted
 * on the page from 1; the top margin and the fold are line slots the printer never prints on, so
 * both languages (PR2 positions by line, ESC/P by 1/360 inch) place a line exactly.
 */
export const PassbookColumn = z.strictObject({
  /** Characters from the left margin (10 characters per inch). */
  at: z.number().int().min(0).max(135),
  width: z.number().int().min(1).max(60),
});

export const PassbookLayoutConfig = z.strictObject({
  /** Pages that take lines (a passbook's printed pages, not its cover). */
  pages: z.number().int().min(1).max(64).default(8),
  /** Line slots per page, both halves of a folded page together. */
  linesPerPage: z.number().int().min(2).max(80).default(24),
  /** Blank line slots from the top edge of the page to the first line. */
  topMarginLines: z.number().int().min(0).max(40).default(4),
  /** Line pitch in 1/360 inch: 60 is 1/6 inch (4.23 mm), the usual passbook ruling. */
  linePitch360: z.number().int().min(20).max(180).default(60),
  /** Lines above the middle fold (0: a page without fold); the fold itself takes `foldSkipLines` slots. */
  foldAfterLine: z.number().int().min(0).max(79).default(12),
  foldSkipLines: z.number().int().min(0).max(10).default(2),
  date: PassbookColumn.default({ at: 0, width: 8 }),
  label: PassbookColumn.default({ at: 9, width: 22 }),
  debit: PassbookColumn.default({ at: 32, width: 12 }),
  credit: PassbookColumn.default({ at: 45, width: 12 }),
  balance: PassbookColumn.default({ at: 58, width: 13 }),
});
export type PassbookLayoutConfig = z.infer<typeof PassbookLayoutConfig>;

/**
 * How a passbook printer says a passbook is in and whether it can print. What public manuals
 * confirm is in protocols/passbook/; the status codes they do not give are set here, so a
 * technician matches them to the model on the counter without a new release.
 */
export const PassbookStatusCodes = z.strictObject({
  /** PR2 `ESC B 5 m ESC Z`: values of m meaning "a passbook is in the printer". */
  pr2DocumentPresent: z.array(z.number().int().min(0).max(255)).max(8).default([0x31, 0x32]),
  /** PR2 `ESC r x` and the ESC/P status byte: bits meaning cover open, and any other error. */
  coverOpenMask: z.number().int().min(0).max(255).default(0x02),
  errorMask: z.number().int().min(0).max(255).default(0x04),
  /** ESC/P status byte: bit meaning "a passbook is in the printer". */
  escpPresentMask: z.number().int().min(0).max(255).default(0x01),
  /** The ESC/P status request as bytes (a PLQ's own query where its manual gives one). */
  escpStatusRequest: deviceBytes(8).min(1).default('\x05'),
});
export type PassbookStatusCodes = z.infer<typeof PassbookStatusCodes>;

export const PassbookPrinterConfig = z.strictObject({
  ...common,
  kind: z.literal('passbook-printer'),
  transport: TransportConfig,
  /** Olivetti PR2 (and PR2 emulations: PLQ-20 in PR2 mode, Compuprint) or Epson ESC/P (PLQ-20/22/30). */
  model: z.enum(['olivetti-pr2', 'epson-escp']).default('olivetti-pr2'),
  layout: PassbookLayoutConfig.default(PassbookLayoutConfig.parse({})),
  status: PassbookStatusCodes.default(PassbookStatusCodes.parse({})),
  /** How long a clerk has to insert the passbook (or turn the page) before the print stops. */
  insertTimeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
});

/** A cash drawer hangs off a receipt printer's drawer port: it has no link of its own. */
export const CashDrawerConfig = z.strictObject({ ...common, kind: z.literal('cash-drawer'), printerId: code(64).min(1) });

export const DeviceConfig = z.discriminatedUnion('kind', [
  ScaleConfig,
  ScannerConfig,
  ReceiptPrinterConfig,
  LabelPrinterConfig,
  CashDrawerConfig,
  PassbookPrinterConfig,
]);
export type DeviceConfig = z.infer<typeof DeviceConfig>;
export type DeviceConfigInput = z.input<typeof DeviceConfig>;
export type ScaleConfig = z.infer<typeof ScaleConfig>;
export type ScannerConfig = z.infer<typeof ScannerConfig>;
export type ReceiptPrinterConfig = z.infer<typeof ReceiptPrinterConfig>;
export type LabelPrinterConfig = z.infer<typeof LabelPrinterConfig>;
export type CashDrawerConfig = z.infer<typeof CashDrawerConfig>;
export type PassbookPrinterConfig = z.infer<typeof PassbookPrinterConfig>;
export type DeviceKind = DeviceConfig['kind'];
