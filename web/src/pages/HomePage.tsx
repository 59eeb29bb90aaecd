import { Link } from 'react-router';
import type { Me } from '../api/types';
import { Heading, Paragraph } from '../components/ui';
import { navigationFor, roleLabels } from '../navigation';
import { NotificationsSection } from './NotificationsSection';
import { hasPermission } from '../session';

export function HomePage({ me }: { me: Me }) {
  const sections = navigationFor(me).filter((item) => item.to !== '/');
  return (
    <div className="koers-stack">
      <Heading level={1}>Welkom, {me.displayName}</Heading>
      <Paragraph lead>
        U werkt voor de gemeente {me.tenantName} als {me.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join(', ')}.
      </Paragraph>
      {hasPermission(me, 'residents:read') && <NotificationsSection />}
      {sections.length > 0 ? (
        <>
          <Heading level={2}>Wat u kunt doen</Heading>
          <ul className="utrecht-unordered-list">
            {sections.map((s) => (
              <li key={s.to} className="utrecht-unordered-list__item">
                <Link to={s.to} className="utrecht-link">
                  {s.label}
                </Link>
                : {s.description}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Paragraph>
          Voor uw rol zijn nog geen onderdelen beschikbaar. Dashboards, budgetten en rapportages volgen; persoonsgegevens van inwoners
          zijn voor uw rol niet inzichtelijk.
        </Paragraph>
      )}
    </div>
  );
}
