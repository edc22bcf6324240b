// Reading the answers to DLE EOT 1, 2 and 4. Each answer is one byte; bit 1 is always set and
// bit 4 always set, bit 0 and bit 7 always clear, which is how we tell it from other bytes.

export interface PrinterHealth {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperLow: boolean;
  /** Drawer sensor (pin 3): true when the drawer reports open. Wiring varies: check on site. */
  drawerOpen: boolean;
  /** Why the printer cannot print now, in words for the clerk; empty when it can. */
  problem: string;
}

export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

export const readHealth = (printer: number, offlineCause: number, paper: number): PrinterHealth => {
  const coverOpen = (offlineCause & 0x04) !== 0;
  const paperOut = (paper & 0x60) !== 0 || (offlineCause & 0x20) !== 0;
  const paperLow = (paper & 0x0c) !== 0;
  const online = (printer & 0x08) === 0;
  const problem = coverOpen
    ? 'printer cover open'
    : paperOut
      ? 'printer out of paper'
      : (offlineCause & 0x40) !== 0
        ? 'printer error: switch it off and on'
        : !online
          ? 'printer offline'
          : '';
  return { online, coverOpen, paperOut, paperLow, drawerOpen: (printer & 0x04) !== 0, problem };
};

/** Status bytes a printer in the given condition answers (used by the printer simulator). */
export const healthBytes = (opts: { paperOut?: boolean; coverOpen?: boolean; drawerOpen?: boolean }): [number, number, number] => {
  const printer = 0x12 | (opts.drawerOpen ? 0x04 : 0) | (opts.paperOut || opts.coverOpen ? 0x08 : 0);
  const offlineCause = 0x12 | (opts.coverOpen ? 0x04 : 0) | (opts.paperOut ? 0x20 : 0);
  const paper = 0x12 | (opts.paperOut ? 0x6c : 0);
  return [printer, offlineCause, paper];
};
