// Continuous-output scales (Adam, Kern, CAS, A&D…) send a line every few hundred ms without being
// asked. The line format differs by make and model, so it is configured: a regular expression with
// named groups `weight` (required), `unit` and `state`, plus which state texts mean what.
import { delimitedFramer, textOf } from './framer';
import type { ScaleProtocol, ScaleReply } from './scale-protocol';
import { toGrams } from './scale-reading';

export interface ContinuousPattern {
  /** e.g. `^(?<state>ST|US|OL),(?:GS|NT),(?<weight>[+-]\d+\.\d+)\s*(?<unit>kg|g)$` */
  pattern: string;
  terminator: string;
  stableStates: string[];
  overloadStates: string[];
  /** Unit when the line carries none. */
  unit: string;
}

/** A&D / Adam style `ST,GS,+0001.234kg`, a common default. */
export const DEFAULT_CONTINUOUS_PATTERN: ContinuousPattern = {
  pattern: '^(?<state>ST|US|OL),(?:GS|NT),(?<weight>[+-]?\\d+(?:\\.\\d+)?)\\s*(?<unit>kg|g|lb)?$',
  terminator: '\r\n',
  stableStates: ['ST'],
  overloadStates: ['OL'],
  unit: 'kg',
};

export const parseContinuous = (config: ContinuousPattern, regex: RegExp, frame: Uint8Array): ScaleReply => {
  // Line noise glued to a line (0x00, 0xFF…) is dropped before matching.
  const match = regex.exec(textOf(frame).replace(/[^\x20-\x7e]/g, '').trim());
  const groups = match?.groups;
  if (!groups) return { kind: 'noise' };
  const state = groups.state ?? '';
  if (config.overloadStates.includes(state)) return { kind: 'reading', reading: { status: 'overweight', grams: null } };
  const weightText = groups.weight;
  if (weightText === undefined) return { kind: 'noise' };
  const value = Number(weightText);
  const grams = toGrams(value, groups.unit ?? config.unit);
  if (grams === null) return { kind: 'noise' };
  if (value < 0) return { kind: 'reading', reading: { status: 'under-zero', grams } };
  const stable = groups.state === undefined || config.stableStates.includes(state);
  return { kind: 'reading', reading: { status: stable ? 'stable' : 'unstable', grams } };
};

export const continuousPattern = (config: ContinuousPattern = DEFAULT_CONTINUOUS_PATTERN): ScaleProtocol => {
  // Compiled once: a bad pattern from the technician fails here, at configuration, not at weighing.
  const regex = new RegExp(config.pattern);
  return {
    name: 'continuous-pattern',
    weightRequest: null,
    continuous: null,
    exchangeChars: 0,
    zeroRequest: null,
    tareRequest: null,
    statusRequest: null,
    createFramer: () => delimitedFramer({ end: Uint8Array.from(Buffer.from(config.terminator, 'latin1')) }),
    parse: (frame) => parseContinuous(config, regex, frame),
  };
};

export const continuousLine = (state: 'ST' | 'US' | 'OL', kg: number): Uint8Array => {
  const sign = kg < 0 ? '-' : '+';
  return Uint8Array.from(Buffer.from(`${state},GS,${sign}${Math.abs(kg).toFixed(3).padStart(8, '0')}kg\r\n`, 'latin1'));
};
