import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard, Domain, Me } from '../../api/types';
import { Alert, Heading, Paragraph } from '../../components/ui';
import { domainOptions, shortMonth } from './insightsApi';
import { InsightsNav, useInsightsMonth } from './InsightsNav';
import { KpiCard } from './KpiCard';

/** The dashboard of one domain for team leads and policy staff. */
export function DashboardPage({ me }: { me: Me }) {
  const { domain: param } = useParams();
  const domain: Domain = domainOptions.some((d) => d.value === param) ? (param as Domain) : 'wmo';
  const [month, setMonth] = useInsightsMonth();
  const dashboard = useQuery({ queryKey: ['insights', domain, month], queryFn: () => api<Dashboard>(`/api/insights/dashboards/${domain}?month=${month}`) });
  const name = domainOptions.find((d) => d.value === domain)!.label;
  return (
    <div className="koers-stack">
      <Heading level={1}>Stuurinformatie {name}</Heading>
      <InsightsNav month={month} onMonth={setMonth} permissions={me.permissions} />
      <Paragraph>
        Twaalf maanden tot en met {shortMonth(month)}, in totaal en per wijk. Alleen geaggregeerde cijfers: aantallen onder 10, en cijfers waaruit zo'n aantal
        is af te leiden, staan als "&lt;10".
      </Paragraph>
      <p className="koers-actions">
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/api/insights/dashboards/${domain}/export.xlsx?month=${month}`} download>
          Gegevens van alle grafieken (Excel)
        </a>
      </p>
      {dashboard.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {dashboard.isError && <Alert type="error">{dashboard.error.message}</Alert>}
      {dashboard.data && !dashboard.data.hasData && <Alert type="info">Voor {name} zijn nog geen gegevens in Koers. De kpi's vullen zich zodra de eerste zaken en toewijzingen er zijn.</Alert>}
      {dashboard.data?.hasData && dashboard.data.kpis.map((panel) => <KpiCard key={panel.id} panel={panel} months={dashboard.data.months} />)}
    </div>
  );
}
