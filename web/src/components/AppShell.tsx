import type { ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Me, WorkCounts } from '../api/types';
import { Button } from './ui';
import { hasMyWork, navigationFor } from '../navigation';
import { myWorkKey } from '../pages/work/MyWorkPage';

/** The header, menu and main area; `minimal` (before an own password is chosen): no menu, no counts. */
export function AppShell({ me, minimal = false, children }: { me: Me; minimal?: boolean; children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // Counts only (no one's data): refreshed with every change on "Mijn werk" and each minute.
  const counts = useQuery({ queryKey: [...myWorkKey, 'counts'], queryFn: () => api<WorkCounts>('/api/my-work/counts'), enabled: hasMyWork(me) && !minimal, refetchInterval: 60_000 });
  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' });
    queryClient.clear();
    await navigate('/inloggen');
  };
  return (
    <>
      <a className="koers-skip-link utrecht-link" href="#inhoud">
        Naar de hoofdinhoud
      </a>
      <header className="koers-header">
        <div className="koers-header__inner">
          <NavLink to="/" className="koers-header__brand">
            Koers <span className="koers-visually-hidden">— sociaal domein</span>
            <span style={{ fontWeight: 400, fontSize: '1rem', marginInlineStart: '0.75rem' }}>Gemeente {me.tenantName}</span>
          </NavLink>
          <div className="koers-header__user">
            <span>
              Ingelogd als <strong>{me.displayName}</strong>
            </span>
            {!minimal && (
              <NavLink to="/wachtwoord" className="utrecht-link koers-header__link">
                Wachtwoord wijzigen
              </NavLink>
            )}
            <Button appearance="secondary-action" onClick={() => void logout()}>
              Uitloggen
            </Button>
          </div>
        </div>
      </header>
      {!minimal && (
        <nav className="koers-nav" aria-label="Hoofdmenu">
          <div className="koers-nav__inner">
            <ul className="koers-nav__list">
              {navigationFor(me).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'} className="utrecht-link">
                    {item.label}
                    {item.count && typeof counts.data?.[item.count] === 'number' && (
                      <span className="koers-nav__count">
                        <span className="koers-visually-hidden">(</span>
                        {counts.data[item.count]}
                        <span className="koers-visually-hidden">{item.count === 'total' ? ' wachten op u)' : ' open)'}</span>
                      </span>
                    )}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
      <main id="inhoud" className="koers-main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>
      </main>
    </>
  );
}
