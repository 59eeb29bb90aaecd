// What the portal's shell and pages share: the query key, the sign-in address and how a page reports
// an ended session (a 401) to the shell, which then shows the sign-in for the current page.
import { createContext, useContext, useEffect } from 'react';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/ui';

export const portalKey = ['mijn'] as const;

/** Lets a page tell the shell that the session ended (a 401), so the shell shows the sign-in for this page. */
export const SessionEnded = createContext<() => void>(() => undefined);

/** Where to sign in so that the resident comes back to this page. */
export function loginUrl(tenant: string, returnTo: string): string {
  return `/mijn/inloggen?${new URLSearchParams({ gemeente: tenant, terug: returnTo }).toString()}`;
}

/** An answer the portal pages share: a 401 (session ended) makes the shell show the sign-in for the current page; the rest is shown. */
export function PortalError({ error }: { error: Error }) {
  const sessionEnded = useContext(SessionEnded);
  const ended = error instanceof ApiError && error.status === 401;
  useEffect(() => {
    if (ended) sessionEnded();
  }, [ended, sessionEnded]);
  return ended ? null : <Alert type="error">{error.message}</Alert>;
}
