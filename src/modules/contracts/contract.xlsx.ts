// Provider performance as an Excel workbook for contract management: one row per provider and
// product, suppressed cells written as "<10" as in the dashboards' exports.

import ExcelJS from 'exceljs';
import type { ProviderPerformance } from './contract.performance.js';

const euros = (cents: number) => Math.round(cents) / 100;

export async function performanceWorkbook(performance: ProviderPerformance): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  const sheet = workbook.addWorksheet(`Prestaties ${performance.year}`);
  const hidden = `<${performance.threshold}`;
  sheet.addRow([`Prestaties van aanbieders ${performance.year} (peildatum ${performance.referenceDate})`]);
  sheet.addRow([`Aantallen onder ${performance.threshold} en de cijfers per cliënt daarvan staan als "${hidden}". Bedragen in euro.`]);
  sheet.addRow([
    'Aanbieder',
    'AGB-code',
    'Productcode',
    'Product',
    'Toewijzingen',
    'Cliënten',
    'Dagen tot start (mediaan)',
    'Nooit gestart (aandeel)',
    'Verplichting',
    'Realisatie',
    'Uitnutting',
    'Kosten per cliënt',
    'Gemiddelde duur (dagen)',
    'Declaratieregels',
    'Afgekeurd',
    'Redenen van afkeur (retourcode: regels)',
  ]);
  sheet.getRow(3).font = { bold: true };
  for (const r of performance.rows) {
    const shown = <T>(v: T | null): T | string => (r.suppressed ? hidden : (v ?? ''));
    sheet.addRow([
      r.providerName,
      r.agbCode,
      r.productCode,
      r.productName,
      shown(r.allocations),
      shown(r.clients),
      shown(r.medianDaysToStart),
      shown(r.neverStartedShare),
      euros(r.commitmentCents),
      euros(r.realisationCents),
      r.utilisation ?? '',
      shown(r.averageCostPerClientCents === null ? null : euros(r.averageCostPerClientCents)),
      shown(r.averageDurationDays),
      shown(r.declaredLines),
      shown(r.refusedLines),
      r.suppressed ? hidden : r.refusalReasons.map((x) => `${x.code} ${x.text}: ${x.lines}`).join('; '),
    ]);
  }
  sheet.getColumn(8).numFmt = '0.0%';
  sheet.getColumn(11).numFmt = '0.0%';
  for (const c of [9, 10, 12]) sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.columns.forEach((c, i) => (c.width = i < 4 ? 24 : 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
