import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { NotificationList } from '../api/types';
import { Heading } from '../components/ui';


import { formatDateTime } from '../format';

/** The employee's notifications (a team lead: renewed break-glass grants); nothing when there are none. */
export function NotificationsSection() {
  const notifications = useQuery({ queryKey: ['notifications'], queryFn: async () => (await api<NotificationList>('/api/notifications')).items });
  if (!notifications.data || notifications.data.length === 0) return null;
  return (
    <section aria-labelledby="meldingen" className="koers-stack">
      <Heading level={2} id="meldingen">Meldingen</Heading>
      <ul className="utrecht-unordered-list">
        {notifications.data.map((n) => (
          <li key={n.id} className="utrecht-unordered-list__item">
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>: {n.message}
            {n.residentId && (
              <>
                {' '}
                <Link to={`/inwoners/${n.residentId}`} className="utrecht-link">
                  Dossier openen
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
