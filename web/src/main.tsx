import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css/dist/index.css';
import './app.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { ApiError } from './api/client';
import { KoersQueryClient } from './api/query-client';
import { PortalApp } from './pages/portal/PortalApp';

const queryClient = new KoersQueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx answer will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        {/* Residents (/mijn) get their own small shell and session; staff get the app. */}
        {window.location.pathname === '/mijn' || window.location.pathname.startsWith('/mijn/') ? <PortalApp /> : <App />}
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
