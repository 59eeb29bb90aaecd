// Shared parts of the Beheer pages: the sub-navigation and the change history ("Wijzigingen").
import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { AdminChange, AdminSection } from '../../api/types';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime } from '../../format';

export function AdminNav() {
  return (
    <nav aria-label="Beheer">
      <ul className="koers-nav__list koers-subnav">
        <li><NavLink to="/beheer/medewerkers" className="utrecht-link">Medewerkers</NavLink></li>
        <li><NavLink to="/beheer/teams" className="utrecht-link">Sociale teams en wijken</NavLink></li>
        <li><NavLink to="/beheer/instellingen" className="utrecht-link">Instellingen</NavLink></li>
        <li><NavLink to="/beheer/zaaktypen" className="utrecht-link">Zaaktypen</NavLink></li>
        <li><NavLink to="/beheer/begroting" className="utrecht-link">Begrotingsposten</NavLink></li>
        <li><NavLink to="/beheer/bijstandsnormen" className="utrecht-link">Bijstandsnormen</NavLink></li>
        <li><NavLink to="/beheer/briefpapier" className="utrecht-link">Briefpapier</NavLink></li>
        <li><NavLink to="/beheer/machineaccounts" className="utrecht-link">Machineaccounts</NavLink></li>
        <li><NavLink to="/stuurinformatie/normen" className="utrecht-link">Kpi-streefwaarden</NavLink></li>
      </ul>
    </nav>
  );
}

export const changesKey = (section: AdminSection) => ['admin-changes', section] as const;

/** The latest changes in one part of Beheer: who, when, what. */
export function ChangesSection({ section }: { section: AdminSection }) {
  const changes = useQuery({ queryKey: changesKey(section), queryFn: () => api<AdminChange[]>(`/api/admin/changes?section=${section}`) });
  return (
    <section aria-labelledby={`wijzigingen-${section}`} className="koers-stack">
      <Heading level={2} id={`wijzigingen-${section}`}>Wijzigingen</Heading>
      {changes.isError && <Alert type="error">{changes.error.message}</Alert>}
      {changes.data && changes.data.length === 0 && <Paragraph>Nog geen wijzigingen.</Paragraph>}
      {changes.data && changes.data.length > 0 && (
        <TableScroll label="Wijzigingen">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">De laatste {changes.data.length} wijzigingen</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">Wanneer</th>
                <th className="utrecht-table__header-cell" scope="col">Wie</th>
                <th className="utrecht-table__header-cell" scope="col">Wat</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {changes.data.map((c) => (
                <tr key={c.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{formatDateTime(c.changedAt)}</td>
                  <td className="utrecht-table__cell">{c.changedBy.displayName}</td>
                  <td className="utrecht-table__cell"><strong>{c.subject}</strong>: {c.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The API's message for one field of a refused request, to show beside that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

/** The message for the whole form: the API's message when no field explains it. */
export function formError(error: unknown, fields: string[]): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError && error.fields.length > 0 && error.fields.every((f) => fields.some((name) => f.field === name || f.field.startsWith(`${name}.`)))) return undefined;
  if (error instanceof ApiError && error.fields.length > 0) return error.fields.map((f) => f.message).join(' ');
  return (error as Error).message;
}
