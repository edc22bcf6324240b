// ESC/POS bytes we send ourselves, where node-thermal-printer gets them wrong or lacks them.

/**
 * Drawer kick: ESC p m t1 t2 — pin 2, 25×2 ms on, 250×2 ms off. node-thermal-printer's
 * openCashDrawer() omits t1/t2; drawers then take the next print bytes as timing and open
 * only every second time.
 */
export const DRAWER_PULSE = Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa);

/** DLE EOT n: real-time status. 1 printer, 2 offline cause, 4 paper roll sensor. */
export const statusRequest = (n: 1 | 2 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);
