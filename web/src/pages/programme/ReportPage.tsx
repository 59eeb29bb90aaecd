import { Heading, Paragraph } from '../../components/ui';
import { ProgrammeNav, useMonth } from './ProgrammeNav';
import { formatMonth } from './programmeApi';

/** The generated "Stand van zaken" report: the same server-rendered document for screen, print and PDF. */
export function ReportPage() {
  const [month, setMonth] = useMonth();
  if (month === undefined) return <Paragraph>Bezig met laden…</Paragraph>;
  const html = `/api/programme/report.html?month=${month}`;
  return (
    <div className="koers-stack">
      <Heading level={1}>Rapportage stand van zaken {formatMonth(month)}</Heading>
      <ProgrammeNav month={month} onMonth={setMonth} />
      <Paragraph>
        Gegenereerd uit de programmagegevens, in de opbouw van de raadsrapportage: per programmalijn doelstelling en resultaat, de tabel thema /
        resultaat-activiteit / stand van zaken en de lijst van raadsinformatie.
      </Paragraph>
      <p className="koers-actions">
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={html} target="_blank" rel="noreferrer">
          Printbare versie openen
        </a>{' '}
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/api/programme/report.pdf?month=${month}`} download>
          PDF downloaden
        </a>
      </p>
      <iframe className="koers-report-frame" title={`Rapportage stand van zaken ${formatMonth(month)}`} src={html} />
    </div>
  );
}
