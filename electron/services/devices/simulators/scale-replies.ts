// What a simulated scale answers, per protocol, for its current state. The byte formats come from
// the protocol files, so the simulator and the driver can never disagree on a format silently:
// the driver's pure tests pin the formats to the documented bytes.
import type { ScaleProtocolName } from '../config';
import { continuousLine } from '../protocols/continuous-pattern';
import { DIALOG_STATUS, dialogStatusRecord, dialogWeightRecord, NAK } from '../protocols/dialog-06';
import { ascii } from '../protocols/framer';
import { mtSicsWeightLine } from '../protocols/mt-sics';
import { NCI_STATUS, nciReply } from '../protocols/nci-scp01';
import { TOLEDO_STATUS, toledoStatusFrame, toledoWeightFrame } from '../protocols/toledo-8217';

export interface ScaleState {
  grams: number;
  motion: boolean;
  overload: boolean;
  underZero: boolean;
  /** Answers every request with the protocol's error reply. */
  error: boolean;
  /** Answers nothing (scale switched off behind a live cable). */
  silent: boolean;
  tareGrams: number;
}

export const INITIAL_SCALE_STATE: ScaleState = {
  grams: 0,
  motion: false,
  overload: false,
  underZero: false,
  error: false,
  silent: false,
  tareGrams: 0,
};

/** `repeat`: MT-SICS `SIR`, weight now and again until another command; `cancel`: MT-SICS `@`. */
export type ScaleCommand = 'weight' | 'repeat' | 'cancel' | 'zero' | 'tare' | 'clear-tare' | 'status' | 'unknown';

/** Splits what the register sent into commands; returns the commands and the unfinished rest. */
export const readCommands = (protocol: ScaleProtocolName, pending: string): { commands: ScaleCommand[]; rest: string } => {
  const commands: ScaleCommand[] = [];
  switch (protocol) {
    case 'toledo-8217': {
      const map: Record<string, ScaleCommand> = { W: 'weight', Z: 'zero', T: 'tare', C: 'clear-tare' };
      for (const char of pending) commands.push(map[char] ?? 'unknown');
      return { commands, rest: '' };
    }
    case 'mt-sics':
    case 'nci-scp01': {
      const lines = pending.split(protocol === 'mt-sics' ? '\r\n' : '\r');
      const rest = lines.pop() ?? '';
      const map: Record<string, ScaleCommand> =
        protocol === 'mt-sics' ? { SI: 'weight', S: 'weight', SIR: 'repeat', '@': 'cancel', Z: 'zero', T: 'tare' } : { SI: 'weight', S: 'weight', W: 'weight', Z: 'zero', T: 'tare' };
      for (const line of lines) if (line.trim()) commands.push(map[line.trim()] ?? 'unknown');
      return { commands, rest };
    }
    case 'dialog-06': {
      let rest = pending;
      for (;;) {
        const weight = rest.indexOf('\x04\x05');
        const status = rest.indexOf('\x04\x0208\x03');
        if (weight < 0 && status < 0) break;
        if (status < 0 || (weight >= 0 && weight < status)) {
          commands.push('weight');
          rest = rest.slice(weight + 2);
        } else {
          commands.push('status');
          rest = rest.slice(status + 5);
        }
      }
      return { commands, rest: rest.slice(-16) };
    }
    case 'continuous-pattern':
      return { commands, rest: '' };
  }
};

const kg = (state: ScaleState): number => (state.grams - state.tareGrams) / 1000;

const toledo = (command: ScaleCommand, state: ScaleState): Uint8Array => {
  if (command === 'unknown' || state.error) return toledoStatusFrame(TOLEDO_STATUS.badCommand);
  if (command !== 'weight') return toledoStatusFrame(TOLEDO_STATUS.centreOfZero);
  if (state.overload) return toledoStatusFrame(TOLEDO_STATUS.overCapacity);
  if (state.underZero) return toledoStatusFrame(TOLEDO_STATUS.underZero);
  if (state.motion) return toledoStatusFrame(TOLEDO_STATUS.motion);
  return toledoWeightFrame(kg(state));
};

/** MT-SICS `@` answers with the serial number, as the scale does after switching on. */
export const MT_SICS_SERIAL = 'SIM0000001';

const mtSics = (command: ScaleCommand, state: ScaleState): Uint8Array => {
  if (command === 'unknown') return ascii('ES\r\n');
  if (command === 'cancel') return ascii(`I4 A "${MT_SICS_SERIAL}"\r\n`);
  if (state.error) return ascii('EL\r\n');
  if (command === 'zero') return ascii(state.motion ? 'Z I\r\n' : 'Z A\r\n');
  if (command === 'tare') return ascii(`T S ${(state.tareGrams / 1000).toFixed(3).padStart(10, ' ')} kg\r\n`);
  if (state.overload) return ascii('S +\r\n');
  if (state.underZero) return ascii('S -\r\n');
  return mtSicsWeightLine(!state.motion, kg(state));
};

const dialog = (command: ScaleCommand, state: ScaleState): Uint8Array => {
  const trouble = state.error || state.motion || state.underZero || state.overload;
  if (command === 'weight') return trouble ? Uint8Array.of(NAK) : dialogWeightRecord(Math.round(kg(state) * 1000));
  if (command === 'status') {
    if (state.error) return dialogStatusRecord(DIALOG_STATUS.generalError);
    if (state.overload) return dialogStatusRecord(DIALOG_STATUS.overCapacity);
    if (state.underZero) return dialogStatusRecord(DIALOG_STATUS.underZero);
    if (state.motion) return dialogStatusRecord(DIALOG_STATUS.motion);
    return dialogStatusRecord(DIALOG_STATUS.ok);
  }
  return Uint8Array.of(NAK);
};

const nci = (command: ScaleCommand, state: ScaleState): Uint8Array => {
  if (command === 'unknown') return ascii('\n?\r\x03');
  if (state.error) return nciReply({ first: NCI_STATUS.ramError });
  if (command === 'zero') return nciReply({ first: NCI_STATUS.atZero });
  if (state.overload) return nciReply({ second: NCI_STATUS.overCapacity });
  if (state.underZero) return nciReply({ second: NCI_STATUS.underCapacity });
  return nciReply({ kg: kg(state), first: state.motion ? NCI_STATUS.motion : 0 });
};

export const replyTo = (protocol: ScaleProtocolName, command: ScaleCommand, state: ScaleState): Uint8Array | null => {
  if (state.silent) return null;
  switch (protocol) {
    case 'toledo-8217':
      return toledo(command, state);
    case 'mt-sics':
      return mtSics(command, state);
    case 'dialog-06':
      return dialog(command, state);
    case 'nci-scp01':
      return nci(command, state);
    case 'continuous-pattern':
      return null;
  }
};

/** The line a continuous scale sends on its own, every period. */
export const continuousFrame = (state: ScaleState): Uint8Array | null => {
  if (state.silent) return null;
  if (state.error) return ascii('ERR\r\n');
  if (state.overload) return continuousLine('OL', 0);
  const value = state.underZero ? -Math.abs(kg(state) || 0.005) : kg(state);
  return continuousLine(state.motion ? 'US' : 'ST', value);
};
