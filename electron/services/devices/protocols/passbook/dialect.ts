// The passbook printer's language, picked by the configured model: everything the device sends
// and how it reads the answers. The device never builds bytes itself.
import type { PassbookLayoutConfig, PassbookStatusCodes } from '../../config';
import { escpLine, escpPageSetup, ESCP_EJECT } from './epson-escp';
import type { PlacedLine } from './layout';
import { pr2Line, pr2PageSetup, PR2_EJECT, PR2_RESET_ERROR } from './olivetti-pr2';
import { passbookFields } from './passbook-line';
import { PR2_STATUS_REQUEST, readEscpStatus, readPr2Status, type PassbookStatus } from './status';

export type PassbookModel = 'olivetti-pr2' | 'epson-escp';

export interface PassbookDialect {
  model: PassbookModel;
  /** Sent while the stand is empty, before a passbook goes in (PR2 refuses the document length with one inside). */
  beforeInsert: Uint8Array | null;
  /** Sent once the passbook is in, before its lines. */
  beforePrint: Uint8Array | null;
  line(placed: Pick<PlacedLine, 'slot' | 'entry'>): Uint8Array;
  eject: Uint8Array;
  statusRequest: Uint8Array;
  readStatus(received: readonly number[]): PassbookStatus | null;
  /** Clears an error the printer latched (PR2 ESC l); null where the language has none. */
  resetError: Uint8Array | null;
}

export function passbookDialect(model: PassbookModel, layout: PassbookLayoutConfig, codes: PassbookStatusCodes): PassbookDialect {
  switch (model) {
    case 'olivetti-pr2':
      return {
        model,
        beforeInsert: pr2PageSetup(layout),
        beforePrint: null,
        line: ({ slot, entry }) => pr2Line(slot, passbookFields(entry, layout)),
        eject: PR2_EJECT,
        statusRequest: PR2_STATUS_REQUEST,
        readStatus: (received) => readPr2Status(received, codes),
        resetError: PR2_RESET_ERROR,
      };
    case 'epson-escp':
      return {
        model,
        beforeInsert: null,
        beforePrint: escpPageSetup(),
        line: ({ slot, entry }) => escpLine(slot, layout.linePitch360, passbookFields(entry, layout)),
        eject: ESCP_EJECT,
        statusRequest: Uint8Array.from(Buffer.from(codes.escpStatusRequest, 'latin1')),
        readStatus: (received) => readEscpStatus(received, codes),
        resetError: null,
      };
  }
}
