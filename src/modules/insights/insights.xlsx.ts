// Exports to Excel: every chart's data of a dashboard (one sheet per KPI: month × area), and the
// steering report (KPI table, mini-BRAP, action points). Suppressed cells are written as "<10".

import ExcelJS from 'exceljs';
import type { Dashboard } from './insights.service.js';
import { actionPointStatusLabels, type SteeringReport } from './insights.report.service.js';
import { trafficLightLabels } from './insights.status.js';

const sheetName = (name: string, used: Set<string>): string => {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  let candidate = base;
  for (let i = 2; used.has(candidate); i += 1) candidate = `${base.slice(0, 25)} ${i}`;
  used.add(candidate);
  return candidate;
};

const cellValue = (p: { value: number | null; display: string; suppressed: boolean }) => (p.suppressed || p.value === null ? p.display : p.value);

export async function dashboardWorkbook(dashboards: readonly Dashboard[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  const used = new Set<string>();
  const about = workbook.addWorksheet(sheetName('Toelichting', used));
  about.addRow(['Koers – stuurinformatie']);
  about.addRow(['Aantallen onder 10 (en cijfers die ze zouden verraden) staan als "<10".']);
  for (const d of dashboards) {
    if (!d.hasData) about.addRow([`${d.domainName}: nog geen gegevens.`]);
    for (const kpi of d.kpis) {
      for (const series of kpi.series) {
        const title = `${d.domainName} ${kpi.name}${series.breakdown ? ` ${series.breakdown}` : ''}`;
        const sheet = workbook.addWorksheet(sheetName(title, used));
        sheet.addRow([`${kpi.name}${series.breakdownName && series.breakdown ? ` – ${series.breakdownName}` : ''} (${d.domainName}, ${kpi.unit})`]);
        sheet.addRow([kpi.explanation]);
        sheet.addRow(['Maand', ...series.scopes.map((s) => s.name), 'Norm']);
        d.months.forEach((month, i) => {
          sheet.addRow([month, ...series.scopes.map((s) => cellValue(s.points[i]!)), series.scopes[0]!.points[i]!.target ?? '']);
        });
        sheet.getRow(3).font = { bold: true };
        sheet.columns.forEach((c) => (c.width = 16));
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function reportWorkbook(report: SteeringReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  const kpis = workbook.addWorksheet('Kpi');
  kpis.addRow(['Kpi', 'Uitsplitsing', ...report.months, 'Norm', 'Status']);
  for (const k of report.kpis) kpis.addRow([k.name, k.breakdownName, ...k.trend.map(cellValue), k.target ?? '', trafficLightLabels[k.status]]);
  const brap = workbook.addWorksheet('Mini-BRAP');
  brap.addRow(['Taakveld', 'Naam', 'Budget (€)', 'Gerealiseerd (€)', 'Verplichtingen (€)', 'Prognose (€)', 'Afwijking (€)', 'Toelichting']);
  for (const b of report.brap) {
    brap.addRow([b.code, b.name, b.budgetCents / 100, b.realisedCents / 100, b.committedCents / 100, b.forecastCents / 100, b.deviationCents / 100, b.explanation?.text ?? '']);
  }
  const actions = workbook.addWorksheet('Actiepunten');
  actions.addRow(['Actiepunt', 'Eigenaar', 'Afgesproken in', 'Status']);
  for (const a of report.actionPoints) actions.addRow([a.text, a.owner, a.agreedMonth, actionPointStatusLabels[a.status]]);
  for (const sheet of [kpis, brap, actions]) {
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => (c.width = 18));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
