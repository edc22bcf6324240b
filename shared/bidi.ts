// Numbers, amounts and codes inside right-to-left text. The Unicode bidi algorithm treats the
// space between digit groups ("1 450") as neutral: in an Arabic line each group becomes its own
// run and the groups come out reversed ("450 1"). A first-strong isolate (U+2068 … U+2069)
// around each left-to-right stretch keeps it whole and in its own order, as <bdi> does on screen.

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A stretch of Latin letters (accented ones too: "Guichetière") and digits, with the spaces and
 * separators between them that belong to it (digit groups, "DJ-DEMO-000123", "1 450 DJF").
 */
const LTR_STRETCH = /[\p{Script=Latin}0-9](?:[\p{Script=Latin}0-9]|[ \u00a0\u202f.,:/+\-%'’](?=[\p{Script=Latin}0-9]))*/gu;

/** Wraps every left-to-right stretch of `text` in an isolate; text without one comes back unchanged. */
export const isolateLeftToRight = (text: string): string => text.replace(LTR_STRETCH, (stretch) => `${FSI}${stretch}${PDI}`);
