// The portal's reading pages rendered to HTML on the server, with the same components the
// script uses, so home, sections, publications, search, FAQ, contacts and the site map read and
// search without JavaScript (issue 10 p. 7). Built by `vite build --ssr` into dist/ssr.
import '../i18n';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { Route, Routes, StaticRouter } from 'react-router';
import type { PortalRenderInput, PortalRenderOutput } from '../../../common/portal-render';
import { AccessibilityProvider } from '../../ui/accessibility';
import { StaticRenderContext } from '../../ui/staticRender';
import { AgencyLayout } from '../layout/AgencyLayout';
import { PortalApp } from '../PortalApp';
import { AgencyNotFoundPage } from '../pages/AgencyNotFoundPage';
import { PageNotFoundPage } from '../pages/PageNotFoundPage';
import { portalCssVariables, portalTheme } from '../theme';

function filledClient(queries: PortalRenderInput['queries']): QueryClient {
  // Nothing is fetched while rendering: what the page needs is already there, and stays fresh.
  const client = new QueryClient({
    defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } },
  });
  for (const { key, data } of queries) client.setQueryData(key, data);
  return client;
}

function view(input: PortalRenderInput): ReactNode {
  if (input.view === 'agencyNotFound') return <AgencyNotFoundPage />;
  if (input.view === 'pageNotFound') {
    return (
      <Routes>
        <Route path=":slug" element={<AgencyLayout />}>
          <Route path="*" element={<PageNotFoundPage />} />
        </Route>
      </Routes>
    );
  }
  return <PortalApp />;
}

export function renderPortalPage(input: PortalRenderInput): PortalRenderOutput {
  const body = renderToString(
    <StaticRenderContext value={true}>
      <MantineProvider theme={portalTheme} cssVariablesResolver={portalCssVariables} forceColorScheme="light">
        <AccessibilityProvider initial={input.accessibility}>
          <QueryClientProvider client={filledClient(input.queries)}>
            <StaticRouter location={input.url}>{view(input)}</StaticRouter>
          </QueryClientProvider>
        </AccessibilityProvider>
      </MantineProvider>
    </StaticRenderContext>,
  );
  return { body };
}
