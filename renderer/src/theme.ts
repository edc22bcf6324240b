import { createTheme } from '@mantine/core';

/**
 * Noto Sans for Latin and Noto Sans Arabic for Arabic, both bundled (the
 * counter may have no internet). The browser picks per glyph from the stack.
 */
export const theme = createTheme({
  fontFamily: '"Noto Sans", "Noto Sans Arabic", system-ui, sans-serif',
  headings: { fontFamily: '"Noto Sans", "Noto Sans Arabic", system-ui, sans-serif' },
  primaryColor: 'blue',
  defaultRadius: 'sm',
  // Visible focus for keyboard users everywhere, not only on our own tiles.
  focusRing: 'auto',
});
