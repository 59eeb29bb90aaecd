// The resident portal "Mijn gemeente" (/mijn): its own small shell beside the staff app. The resident
// signs in with DigiD (a full page navigation to /mijn/inloggen); an expired session sends them back
// there, keeping the page they were on. Dutch at B1 level.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { api, ApiError } from '../../api/client';
import { loginUrl, portalKey, SessionEnded } from './portal-session';
import type { PortalMe, Tenant } from '../../api/types';
import { Alert, Button, Heading, Paragraph } from '../../components/ui';
import { PortalCasePage } from './PortalCasePage';
import { PortalCasesPage } from './PortalCasesPage';
import { PortalSpecialAssistancePage } from './PortalSpecialAssistancePage';
import { PortalDebtHelpPage } from './PortalDebtHelpPage';
import { PortalIncomeLink, PortalIncomePage } from './PortalIncomePage';


const MESSAGES: Record<string, string> = {
  'inloggen-mislukt': 'Inloggen is niet gelukt. Probeer het opnieuw.',
  'inloggen-verlopen': 'Het inloggen duurde te lang. Probeer het opnieuw.',
  onbekend: 'Wij kunnen u niet vinden als inwoner van deze gemeente. Neem contact op met de gemeente.',
  'kies-gemeente': 'Kies eerst uw gemeente.',
};

function LoginPage({ expired }: { expired: boolean }) {
  const location = useLocation();
  const notice = new URLSearchParams(location.search).get('melding');
  const tenants = useQuery({ queryKey: ['tenants'], queryFn: () => api<Tenant[]>('/api/tenants') });
  const returnTo = location.pathname === '/mijn' ? '/mijn' : location.pathname;
  return (
    <>
      <Heading level={1}>Inloggen op Mijn gemeente</Heading>
      {expired && <Alert type="warning">Uw sessie is verlopen. Log opnieuw in om verder te gaan.</Alert>}
      {notice && MESSAGES[notice] && <Alert type="error">{MESSAGES[notice]}</Alert>}
      <Paragraph>Hier ziet u uw aanvragen bij de gemeente, de brieven die wij u stuurden en welke documenten wij nog van u nodig hebben.</Paragraph>
      <Paragraph>U logt in met DigiD.</Paragraph>
      {tenants.isError && <Alert type="error">{tenants.error.message}</Alert>}
      <ul className="koers-portal-tenants">
        {(tenants.data ?? []).map((t) => (
          <li key={t.id}>
            <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={loginUrl(t.id, returnTo)}>
              Inloggen met DigiD – gemeente {t.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Moves focus to the page's heading after navigation, so screen readers announce the new page. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, [location.pathname]);
}

export function PortalApp() {
  const queryClient = useQueryClient();
  useFocusOnNavigate();
  const me = useQuery({
    queryKey: [...portalKey, 'ik'],
    queryFn: async () => {
      try {
        return await api<PortalMe>('/api/mijn/ik');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
  const logout = async () => {
    await api('/api/mijn/uitloggen', { method: 'POST' });
    queryClient.removeQueries({ queryKey: portalKey });
    window.location.assign('/mijn?melding=uitgelogd');
  };
  const [expired, setExpired] = useState(false);
  const signedIn = expired ? null : (me.data ?? null);
  const notice = new URLSearchParams(useLocation().search).get('melding');
  return (
    <>
      <a className="koers-skip-link utrecht-link" href="#inhoud">
        Naar de hoofdinhoud
      </a>
      <header className="koers-header">
        <div className="koers-header__inner">
          <Link to="/mijn" className="koers-header__brand">
            Mijn {signedIn ? signedIn.municipality.name : 'gemeente'}
          </Link>
          {signedIn && (
            <div className="koers-header__user">
              <span>
                Ingelogd als <strong>{signedIn.fullName}</strong>
              </span>
              <Button appearance="secondary-action" onClick={() => void logout()}>
                Uitloggen
              </Button>
            </div>
          )}
        </div>
      </header>
      <main id="inhoud" className="koers-main">
        {me.isPending && <Paragraph>Bezig met laden…</Paragraph>}
        {me.isError && <Alert type="error">{me.error.message}</Alert>}
        {me.isSuccess && !signedIn && (
          <>
            {notice === 'uitgelogd' && <Alert type="ok">U bent uitgelogd.</Alert>}
            <LoginPage expired={expired} />
          </>
        )}
        {signedIn && (
          <SessionEnded.Provider value={() => setExpired(true)}>
            <Routes>
              <Route path="/mijn" element={<><PortalCasesPage />{signedIn.hasRunningBenefit && <PortalIncomeLink />}</>} />
              <Route path="/mijn/aanvragen" element={<PortalCasesPage />} />
              <Route path="/mijn/aanvragen/:id" element={<PortalCasePage />} />
              <Route path="/mijn/bijzondere-bijstand" element={<PortalSpecialAssistancePage />} />
              <Route path="/mijn/bijzondere-bijstand/:step" element={<PortalSpecialAssistancePage />} />
              <Route path="/mijn/geldzaken/:step?" element={<PortalDebtHelpPage />} />
              <Route path="/mijn/inkomsten" element={<PortalIncomePage />} />
              <Route path="/mijn/inkomsten/:month/:step" element={<PortalIncomePage />} />
              <Route path="*" element={<PortalCasesPage />} />
            </Routes>
          </SessionEnded.Provider>
        )}
      </main>
    </>
  );
}

