// Taking back the first characters of a scan that reached the focused field before the burst
// could be told from typing, and putting back keys held for a burst that was not a scan.
// Values are set through the element's own setter and announced with an `input` event, which is
// how a React-controlled field learns of a change it did not make itself.

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Input types whose value is text the keys typed into (number fields included: digits). */
const TEXT_INPUTS = new Set(['text', 'search', 'tel', 'url', 'email', 'number', 'password']);

const focusedField = (): TextField | null => {
  const element = document.activeElement;
  if (element instanceof HTMLTextAreaElement) return element;
  if (element instanceof HTMLInputElement && TEXT_INPUTS.has(element.type)) return element;
  return null;
};

/** The caret, where the field has one (email and number fields do not expose it: their end). */
const caretOf = (field: TextField): number => {
  try {
    return field.selectionEnd ?? field.value.length;
  } catch {
    return field.value.length;
  }
};

const replaceValue = (field: TextField, value: string, caret: number): void => {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  try {
    field.setSelectionRange(caret, caret);
  } catch {
    // email and number fields have no selection: the caret stays where the browser puts it
  }
  field.dispatchEvent(new Event('input', { bubbles: true }));
};

/** Removes `text` just before the caret of the focused field, only if that is what is there. */
export function retractFromFocusedField(text: string): void {
  const field = focusedField();
  if (!field || !text) return;
  const end = caretOf(field);
  const start = end - text.length;
  if (start < 0 || field.value.slice(start, end) !== text) return;
  replaceValue(field, field.value.slice(0, start) + field.value.slice(end), start);
}

/** Types `text` at the caret of the focused field, as the held keys would have. */
export function insertIntoFocusedField(text: string): void {
  const field = focusedField();
  if (!field || !text) return;
  const end = caretOf(field);
  let start = end;
  try {
    start = field.selectionStart ?? end;
  } catch {
    start = end;
  }
  const room = field.maxLength > 0 ? Math.max(0, field.maxLength - (field.value.length - (end - start))) : text.length;
  const typed = text.slice(0, room);
  replaceValue(field, field.value.slice(0, start) + typed + field.value.slice(end), start + typed.length);
}
