// Star Line Mode bytes we send ourselves, where node-thermal-printer 4.6.1 gets Star wrong or
// only speaks ESC/POS. Star Line Mode is not ESC/POS: ESC p is no drawer kick there and
// DLE EOT asks nothing, so a Star printer gets its own drawer, status and QR commands.

/**
 * Drawer kick on a Star: ESC BEL n1 n2 sets the drive pulse of external device 1 (n1 × 10 ms
 * energised, n2 × 10 ms delay; 1–127 each), then BEL drives it. BEL is buffered, so the drawer
 * opens after the receipt bytes sent before it, as with ESC p on an Epson. 200 ms / 200 ms is
 * Star's own default. (FS, 0x1C, would drive it at once, ahead of the queued receipt.)
 */
export const STAR_DRAWER_PULSE = Uint8Array.of(0x1b, 0x07, 20, 20, 0x07);

/** ESC ACK SOH: real-time ASB status request; the printer answers with one ASB frame. */
export const STAR_STATUS_REQUEST = Uint8Array.of(0x1b, 0x06, 0x01);

const ESC_GS_Y = [0x1b, 0x1d, 0x79];

/**
 * QR code, model 2, correction M, cell size `cellDots`. node-thermal-printer's Star printQR
 * leaves out the `ESC GS y D 1 m` header before the data length, so the printer would print
 * the length and URL as text and no code; it also counts characters, not bytes.
 */
export const starQr = (data: string, cellDots = 6): Buffer => {
  const payload = Buffer.from(data, 'utf8');
  return Buffer.concat([
    Buffer.from([...ESC_GS_Y, 0x53, 0x30, 0x02]), // ESC GS y S 0 n: model 2
    Buffer.from([...ESC_GS_Y, 0x53, 0x31, 0x01]), // ESC GS y S 1 n: correction M (15 %)
    Buffer.from([...ESC_GS_Y, 0x53, 0x32, cellDots]), // ESC GS y S 2 n: cell size in dots
    Buffer.from([...ESC_GS_Y, 0x44, 0x31, 0x00, payload.length & 0xff, payload.length >> 8]), // ESC GS y D 1 m nL nH: data (auto mode)
    payload,
    Buffer.from([...ESC_GS_Y, 0x50]), // ESC GS y P: print
  ]);
};
