import { useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppShell } from './components/AppShell';
import { Alert, Paragraph } from './components/ui';
import { AuditPage } from './pages/AuditPage';
import { HomePage } from './pages/HomePage';
import { MyWorkPage } from './pages/work/MyWorkPage';
import { hasMyWork } from './navigation';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ResidentDetailPage } from './pages/ResidentDetailPage';
import { ResidentSearchPage } from './pages/ResidentSearchPage';
import { CataloguePage } from './pages/catalogue/CataloguePage';
import { CasePage } from './pages/cases/CasePage';
import { ExchangePage } from './pages/exchange/ExchangePage';
import { RequestPage, RequestsPage } from './pages/exchange/RequestsPage';
import { BudgetLinesPage } from './pages/finance/BudgetLinesPage';
import { ProviderPerformancePage } from './pages/contracts/ProviderPerformancePage';
import { LineProvidersPage } from './pages/finance/LineProvidersPage';
import { ProviderAllocationsPage } from './pages/finance/ProviderAllocationsPage';
import { MyCasesPage } from './pages/cases/MyCasesPage';
import { ProductPage } from './pages/catalogue/ProductPage';
import { ProviderPage } from './pages/providers/ProviderPage';
import { ProvidersPage } from './pages/providers/ProvidersPage';
import { ActivityPage } from './pages/programme/ActivityPage';
import { ReportPage } from './pages/programme/ReportPage';
import { RoadmapPage } from './pages/programme/RoadmapPage';
import { StatusBoardPage } from './pages/programme/StatusBoardPage';
import { TransferPage } from './pages/programme/TransferPage';
import { SignalPage } from './pages/signals/SignalPage';
import { SignalsPage } from './pages/signals/SignalsPage';
import { DashboardPage } from './pages/insights/DashboardPage';
import { PortfolioPage } from './pages/insights/PortfolioPage';
import { SteeringReportPage } from './pages/insights/SteeringReportPage';
import { TargetsPage } from './pages/insights/TargetsPage';
import { ForecastPage } from './pages/participatiewet/ForecastPage';
import { ArchiveListPage, ArchivePage, HoldsPage } from './pages/retention/ArchivePages';
import { LetterheadPage } from './pages/letters/LetterheadPage';
import { UsersPage } from './pages/admin/UsersPage';
import { TeamsPage } from './pages/admin/TeamsPage';
import { SettingsPage } from './pages/admin/SettingsPage';
import { CaseTypesPage } from './pages/admin/CaseTypesPage';
// Participatiewet: income statements, recovery, re-examination (issue #11).
import { IncomeStatementPage } from './pages/participatiewet/IncomeStatementPage';
import { RecoveryPage } from './pages/participatiewet/RecoveryPage';
import { RecoveryClaimPage } from './pages/participatiewet/RecoveryClaimPage';
import { ReexaminationPage } from './pages/participatiewet/ReexaminationPage';
import { BudgetPage } from './pages/admin/BudgetPage';
import { NormsPage } from './pages/admin/NormsPage';
import { FrameworksPage } from './pages/control/FrameworksPage';
import { FrameworkPage } from './pages/control/FrameworkPage';
// Participatiewet payment run (issue #11 §2, payment-run part).
import { PaymentRunPage, PaymentRunsPage } from './pages/participatiewet/PaymentRunsPage';
import { ControlRunsPage } from './pages/control/ControlRunsPage';
import { ControlRunPage } from './pages/control/ControlRunPage';
import { ControlFindingsPage } from './pages/control/ControlFindingsPage';
import { ControlFindingNewPage } from './pages/control/ControlFindingNewPage';
import { ControlFindingPage } from './pages/control/ControlFindingPage';
import { MyFindingsPage } from './pages/control/MyFindingsPage';
import { LegalityPage } from './pages/control/LegalityPage';
import { ControlSamplesPage } from './pages/control/ControlSamplesPage';
import { ControlSamplePage } from './pages/control/ControlSamplePage';
import { MachineAccountsPage } from './pages/admin/MachineAccountsPage';
import { useMe } from './session';
// Debt help and early signals (issue #12 §4).
import { DebtCasesPage } from './pages/debt/DebtCasesPage';
import { DebtCasePage } from './pages/debt/DebtCasePage';
import { DebtRegisterPage } from './pages/debt/DebtRegisterPage';
import { EarlySignalsPage } from './pages/debt/EarlySignalsPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ApplicationFilePage } from './pages/participatiewet/ApplicationFilePage';
import { ApplicationPage } from './pages/participatiewet/ApplicationPage';
import { ApplicationsPage } from './pages/participatiewet/ApplicationsPage';
import { SpecialAssistanceListPage } from './pages/participatiewet/SpecialAssistanceListPage';
import { SpecialAssistancePage } from './pages/participatiewet/SpecialAssistancePage';

/** Moves focus to the page's main heading after navigation, so screen readers announce the new page. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.setAttribute('tabindex', '-1');
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [location.pathname]);
}

export function App() {
  const me = useMe();
  useFocusOnNavigate();
  if (me.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (me.isError) {
    return (
      <main className="koers-login">
        <Alert type="error">{me.error.message}</Alert>
      </main>
    );
  }
  if (!me.data) {
    return (
      <Routes>
        <Route path="/inloggen" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/inloggen" replace />} />
      </Routes>
    );
  }
  if (me.data.mustChangePassword) {
    // Signed in with the administrator's one-time password: the API allows nothing else yet.
    return (
      <AppShell me={me.data} minimal>
        <ChangePasswordPage required />
      </AppShell>
    );
  }
  return (
    <AppShell me={me.data}>
      <Routes>
        <Route path="/" element={hasMyWork(me.data) ? <MyWorkPage me={me.data} /> : <HomePage me={me.data} />} />
        <Route path="/inloggen" element={<Navigate to="/" replace />} />
        <Route path="/wachtwoord" element={<ChangePasswordPage />} />
        <Route path="/inwoners" element={<ResidentSearchPage />} />
        <Route path="/inwoners/:id" element={<ResidentDetailPage />} />
        <Route path="/logboek" element={<AuditPage />} />
        <Route path="/control/kaders" element={<FrameworksPage />} />
        <Route path="/control/kaders/:process" element={<FrameworkPage />} />
        <Route path="/zaken" element={<MyCasesPage />} />
        <Route path="/schuldhulp" element={<DebtCasesPage />} />
        <Route path="/schuldhulp/aanmelden/:residentId" element={<DebtRegisterPage />} />
        <Route path="/schuldhulp/:id" element={<DebtCasePage />} />
        <Route path="/vroegsignalering" element={<EarlySignalsPage />} />
        <Route path="/begroting" element={<BudgetLinesPage />} />
        <Route path="/begroting/:code" element={<LineProvidersPage />} />
        <Route path="/begroting/:code/aanbieders/:providerId" element={<ProviderAllocationsPage />} />
        <Route path="/berichten" element={<ExchangePage />} />
        <Route path="/verzoeken" element={<RequestsPage />} />
        <Route path="/verzoeken/:id" element={<RequestPage />} />
        <Route path="/zaken/:id" element={<CasePage />} />
        <Route path="/signalen" element={<SignalsPage />} />
        <Route path="/signalen/:id" element={<SignalPage />} />
        <Route path="/control/runs" element={<ControlRunsPage />} />
        <Route path="/control/runs/:id" element={<ControlRunPage />} />
        <Route path="/control/bevindingen" element={<ControlFindingsPage />} />
        <Route path="/control/bevindingen/nieuw" element={<ControlFindingNewPage />} />
        <Route path="/control/bevindingen/:id" element={<ControlFindingPage />} />
        <Route path="/control/mijn-bevindingen" element={<MyFindingsPage />} />
        <Route path="/control/rechtmatigheid" element={<LegalityPage />} />
        <Route path="/control/steekproeven" element={<ControlSamplesPage />} />
        <Route path="/control/steekproeven/:id" element={<ControlSamplePage />} />
        <Route path="/catalogus" element={<CataloguePage />} />
        <Route path="/catalogus/:id" element={<ProductPage />} />
        <Route path="/aanbieders" element={<ProvidersPage />} />
        <Route path="/aanbieders/:id" element={<ProviderPage />} />
        <Route path="/contractbeheer" element={<ProviderPerformancePage />} />
        <Route path="/programma" element={<RoadmapPage />} />
        <Route path="/programma/status" element={<StatusBoardPage />} />
        <Route path="/programma/rapport" element={<ReportPage />} />
        <Route path="/programma/uitwisselen" element={<TransferPage />} />
        <Route path="/programma/activiteiten/:id" element={<ActivityPage />} />
        <Route path="/stuurinformatie" element={<Navigate to={me.data.roles.includes('portfolio_holder') ? '/stuurinformatie/wethouder' : '/stuurinformatie/wmo'} replace />} />
        <Route path="/stuurinformatie/wethouder" element={<PortfolioPage me={me.data} />} />
        <Route path="/stuurinformatie/sturingsgesprek" element={<SteeringReportPage me={me.data} />} />
        <Route path="/stuurinformatie/normen" element={<TargetsPage me={me.data} />} />
        <Route path="/stuurinformatie/:domain" element={<DashboardPage me={me.data} />} />
        <Route path="/inkomen/prognose" element={<ForecastPage me={me.data} />} />
        <Route path="/archief" element={<ArchivePage />} />
        <Route path="/archief/lijsten/:id" element={<ArchiveListPage />} />
        <Route path="/archief/bewaarplicht" element={<HoldsPage />} />
        <Route path="/beheer/briefpapier" element={<LetterheadPage />} />
        <Route path="/inkomen/uitkeringen/:id/inkomstenopgaven" element={<IncomeStatementPage />} />
        <Route path="/inkomen/uitkeringen/:id/heronderzoek" element={<ReexaminationPage />} />
        <Route path="/inkomen/vorderingen" element={<RecoveryPage />} />
        <Route path="/inkomen/vorderingen/:id" element={<RecoveryClaimPage />} />
        <Route path="/beheer" element={<Navigate to="/beheer/medewerkers" replace />} />
        <Route path="/beheer/medewerkers" element={<UsersPage myUsername={me.data.username} />} />
        <Route path="/beheer/teams" element={<TeamsPage />} />
        <Route path="/beheer/instellingen" element={<SettingsPage />} />
        <Route path="/beheer/zaaktypen" element={<CaseTypesPage />} />
        <Route path="/beheer/begroting" element={<BudgetPage />} />
        <Route path="/beheer/bijstandsnormen" element={<NormsPage />} />
        {/* Participatiewet payment run (issue #11 §2, payment-run part). */}
        <Route path="/inkomen/betaalruns" element={<PaymentRunsPage />} />
        <Route path="/inkomen/betaalruns/:id" element={<PaymentRunPage />} />
        <Route path="/beheer/machineaccounts" element={<MachineAccountsPage />} />
        {/* Participatiewet application (issue #11 §1): a resident's Pw file and one application. */}
        <Route path="/inkomen/inwoners/:residentId" element={<ApplicationFilePage />} />
        <Route path="/inkomen/aanvragen" element={<ApplicationsPage />} />
        <Route path="/inkomen/aanvragen/:id" element={<ApplicationPage />} />
        <Route path="/inkomen/bijzondere-bijstand" element={<SpecialAssistanceListPage />} />
        <Route path="/inkomen/bijzondere-bijstand/:id" element={<SpecialAssistancePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}
