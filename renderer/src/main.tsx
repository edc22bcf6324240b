import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import '@mantine/core/styles.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import { App } from './app';
import { NoHostToken } from './no-host-token';
import { openConnection } from './api';
import { theme } from './theme';

const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <DirectionProvider detectDirection={false} initialDirection="ltr">
      <MantineProvider theme={theme}>{openConnection() ? <App /> : <NoHostToken />}</MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
