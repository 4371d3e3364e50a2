import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import '../i18n/index';
import { MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { createQueryClient } from './queryClient';
import { ReauthenticationDialog } from './session/ReauthenticationDialog';
import { ConsoleDatesProvider } from './shared/dates';
import { cssVariablesResolver, theme } from './theme';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing in console/index.html');

/** The theme with the toasts' close button named in the current language (axe button-name). */
function ThemeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const localised = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: { defaultProps: { closeButtonProps: { 'aria-label': t('toasts.close') } } },
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={localised} cssVariablesResolver={cssVariablesResolver}>
      <ConsoleDatesProvider>{children}</ConsoleDatesProvider>
    </MantineProvider>
  );
}

createRoot(root).render(
  <StrictMode>
    <ThemeProvider>
      <Notifications position="top-right" />
      <QueryClientProvider client={createQueryClient()}>
        <BrowserRouter basename="/console">
          <App />
        </BrowserRouter>
        <ReauthenticationDialog />
      </QueryClientProvider>
    </ThemeProvider>
  </StrictMode>,
);
