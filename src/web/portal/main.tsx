import '@mantine/core/styles.css';
import './i18n';
import './portal.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AccessibilityProvider } from '../ui/accessibility';
import { createPortalQueryClient } from './data/queryClient';
import { PortalApp } from './PortalApp';
import { portalCssVariables, portalTheme } from './theme';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing in portal/index.html');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={portalTheme} cssVariablesResolver={portalCssVariables} forceColorScheme="light">
      <AccessibilityProvider>
        <QueryClientProvider client={createPortalQueryClient()}>
          <BrowserRouter>
            <PortalApp />
          </BrowserRouter>
        </QueryClientProvider>
      </AccessibilityProvider>
    </MantineProvider>
  </StrictMode>,
);
