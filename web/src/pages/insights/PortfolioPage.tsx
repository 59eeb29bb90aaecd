import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me, Portfolio } from '../../api/types';
import { Alert, Heading, Paragraph } from '../../components/ui';
import { shortMonth } from './insightsApi';
import { InsightsNav, useInsightsMonth } from './InsightsNav';
import { KpiCard } from './KpiCard';

/** The portfolio holder's (wethouder's) dashboard: the few KPIs that matter, per domain. */
export function PortfolioPage({ me }: { me: Me }) {
  const [month, setMonth] = useInsightsMonth();
  const portfolio = useQuery({ queryKey: ['insights', 'portfolio', month], queryFn: () => api<Portfolio>(`/api/insights/portfolio?month=${month}`) });
  return (
    <div className="koers-stack">
      <Heading level={1}>Dashboard wethouder</Heading>
      <InsightsNav month={month} onMonth={setMonth} permissions={me.permissions} />
      <Paragraph>Cliënten, tijdig beslissen, de inzet van het voorliggend veld en de budgetuitputting, tot en met {shortMonth(month)}.</Paragraph>
      <p className="koers-actions">
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/api/insights/portfolio/export.xlsx?month=${month}`} download>
          Gegevens van alle grafieken (Excel)
        </a>
      </p>
      {portfolio.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {portfolio.isError && <Alert type="error">{portfolio.error.message}</Alert>}
      {portfolio.data?.domains.map((d) => (
        <section key={d.domain} className="koers-stack" aria-label={d.domainName}>
          <Heading level={2}>{d.domainName}</Heading>
          {d.hasData ? d.kpis.map((panel) => <KpiCard key={panel.id} panel={panel} months={d.months} level={3} />) : <Paragraph>Voor {d.domainName} zijn nog geen gegevens in Koers.</Paragraph>}
        </section>
      ))}
    </div>
  );
}
