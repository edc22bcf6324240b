// The parcel label as data: the same fields go to ZPL or TSPL printers.

export interface ParcelLabel {
  /** UPU S10 identifier, e.g. RR123456785DJ: printed as Code 128 and as text. */
  s10: string;
  service: string;
  weightGrams: number;
  sender: string[];
  recipient: string[];
  branch: string;
  /** Date of posting as the clerk sees it (already formatted). */
  postedOn: string;
  demo: boolean;
}

const S10_FORMAT = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** A label with a malformed item number must never print: the parcel would be untrackable. */
export const checkLabel = (label: ParcelLabel): void => {
  if (!S10_FORMAT.test(label.s10)) throw new Error(`not an S10 item number: ${label.s10}`);
};

/** RR 123 456 785 DJ: how the number is read out and typed. */
export const spacedS10 = (s10: string): string =>
  `${s10.slice(0, 2)} ${s10.slice(2, 5)} ${s10.slice(5, 8)} ${s10.slice(8, 11)} ${s10.slice(11)}`;

export const formatWeight = (grams: number): string => `${(grams / 1000).toFixed(3).replace('.', ',')} kg`;
