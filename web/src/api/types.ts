// The shapes the API answers with, in one place: each type is inferred from the zod schema the server
// declares as the route's response (src/**/*.schema.ts), so the web and the server cannot drift apart.
// Type-only imports: the Vite build erases them, no server code reaches the browser through this file.
// Pages import their API types from here and nowhere else (test/web-imports.test.ts checks it).
import type { z } from 'zod';
import type { adminBudgetLineSchema, adminCaseTypeSchema, adminChangeSchema, createdBudgetLineSchema, oneTimePasswordSchema, settingsSchema, staffUserSchema, teamsOverviewSchema } from '../../../src/modules/admin/admin.schema.js';
import type { accessGrantSchema, residentSchema, residentSummarySchema, searchResultSchema } from '../../../src/modules/residents/resident.schema.js';
import type { callbackSchema, consultantSchema, contactPersonSchema, contactSchema } from '../../../src/modules/access/access.schema.js';
import type { caseSchema, caseSummarySchema, caseTypeSchema } from '../../../src/modules/cases/case.schema.js';
import type { caseNoteSchema } from '../../../src/modules/cases/case-note.schema.js';
import type { productSchema, productSummarySchema } from '../../../src/modules/catalogue/product.schema.js';
import type { conversationListSchema, conversationSchema, Dimension, LadderStepId } from '../../../src/modules/conversations/conversation.schema.js';
import type { allocationSchema, approvalQueueSchema, decisionSchema } from '../../../src/modules/decisions/decision.schema.js';
import type { budgetLineSchema, lineProvidersSchema, providerAllocationsSchema } from '../../../src/modules/finance/finance.schema.js';
import type { teamCaseloadSchema, workCountsSchema } from '../../../src/modules/work/work.schema.js';
import type { openApplicationSchema } from '../../../src/modules/participatiewet/pw.application.schema.js';
import type { claimDetailSchema, claimSchema, residentClaimsSchema, statementOutcomeSchema, statementsSchema } from '../../../src/modules/participatiewet/pw.recovery.schema.js';
import type { reexaminationsSchema } from '../../../src/modules/participatiewet/pw.reexamination.schema.js';
import type { runDetailSchema, runListSchema, runSchema } from '../../../src/modules/participatiewet/pw.payment-run.schema.js';
import type { IncomeKind as IncomeKindCode, IncomeKindRule } from '../../../src/modules/participatiewet/pw.income.js';
import type { budgetSchema as buigBudgetSchema, forecastViewSchema, savedScenarioSchema } from '../../../src/modules/participatiewet/pw.forecast.schema.js';
import type { grantResultSchema, messageListSchema, outboxResultSchema, receiveResultSchema, refusalResultSchema, requestListSchema, requestSchema } from '../../../src/modules/exchange/exchange.schema.js';
import type {
  dashboardSchema,
  domainSchema,
  panelSchema,
  portfolioSchema,
  reportSchema,
  reportSummarySchema,
  targetSchema,
} from '../../../src/modules/insights/insights.schema.js';
import type { notificationListSchema, notificationSchema } from '../../../src/modules/notifications/notification.schema.js';
import type { activitySchema, historySchema, importPreviewSchema, importResultSchema, lineSummarySchema, programmeSchema } from '../../../src/modules/programme/programme.schema.js';
import type { providerSchema, providerSummarySchema } from '../../../src/modules/providers/provider.schema.js';
import type { performanceSchema } from '../../../src/modules/contracts/contract.schema.js';
import type { addNormsBodySchema, normsOverviewSchema } from '../../../src/modules/participatiewet/pw.norms.schema.js';
import type { applicationViewSchema, pwFileSchema } from '../../../src/modules/participatiewet/pw.application.schema.js';
import type { categorySchema, eServiceReceiptSchema, eServiceSavedSchema, eServiceStartSchema, intakeFiguresSchema, openSpecialAssistanceSchema, specialAssistanceViewSchema } from '../../../src/modules/participatiewet/pw.special-assistance.schema.js';
import type { assignResultSchema, ruleSchema, signalDetailSchema, signalSchema, teamOptionSchema, worklistSchema } from '../../../src/modules/signals/signal.schema.js';
import type { tenantSchema } from '../../../src/modules/tenants/tenant.schema.js';
import type { caseDocumentsSchema, storedDocumentSchema } from '../../../src/modules/letters/document.schema.js';
import type { uploadedDocumentSchema } from '../../../src/modules/documents/document.schema.js';
import type { arrearsImportResultSchema, arrearsImportsSchema, debtCaseSchema, debtTermsSchema, outreachKpisSchema, outreachSchema } from '../../../src/modules/debt/debt.schema.js';
import type { letterheadSchema, saveLetterheadSchema } from '../../../src/modules/letters/letterhead.schema.js';
import type { createdMachineAccountSchema, machineAccountSchema } from '../../../src/modules/admin/admin.schema.js';
import type { refusalListSchema } from '../../../src/modules/exchange/exchange.schema.js';
import type { auditRecordListSchema, auditRecordSchema, auditSearchResultSchema, processingActivityListSchema } from '../../../src/platform/audit/audit.schema.js';
import type { frameworkDetailSchema, frameworksOverviewSchema } from '../../../src/modules/controls/framework.schema.js';
import type { meSchema } from '../../../src/platform/auth/auth.schema.js';
import type { Permission } from '../../../src/platform/auth/roles.js';
import type { errorBodySchema } from '../../../src/platform/http/schemas.js';

type Out<S extends z.ZodType> = z.output<S>;

// Errors: the body of every refusal, and its field-level problems
export type ErrorBody = Out<typeof errorBodySchema>;
export type FieldError = NonNullable<ErrorBody['error']['fields']>[number];

// Session and tenants
export type Me = Out<typeof meSchema>;
export type { Permission };
export type Tenant = Out<typeof tenantSchema>;

// Residents and access
export type ResidentSummary = Out<typeof residentSummarySchema>;
export type Resident = Out<typeof residentSchema>;
export type ResidentSearchResult = Out<typeof searchResultSchema>;
export type AccessGrant = Out<typeof accessGrantSchema>;
export type Consultant = Out<typeof consultantSchema>;
export type ContactPerson = Out<typeof contactPersonSchema>;
export type Contact = Out<typeof contactSchema>;
export type Callback = Out<typeof callbackSchema>;
export type Notification = Out<typeof notificationSchema>;
export type NotificationList = Out<typeof notificationListSchema>;
export type AuditRecord = Out<typeof auditRecordSchema>;
export type AuditRecordList = Out<typeof auditRecordListSchema>;
export type AuditSearchResult = Out<typeof auditSearchResultSchema>;
export type ProcessingActivity = Out<typeof processingActivityListSchema>[number];

// Mijn werk: counts, the four-eyes queue and the team's caseload
export type WorkCounts = Out<typeof workCountsSchema>;
export type ApprovalQueue = Out<typeof approvalQueueSchema>;
export type TeamCaseload = Out<typeof teamCaseloadSchema>;

// Cases
export type CaseView = Out<typeof caseSchema>;
/** A case in a worklist ("my cases"): without its events. */
export type CaseSummary = Out<typeof caseSummarySchema>;
export type CaseType = Out<typeof caseTypeSchema>;
export type CaseNote = Out<typeof caseNoteSchema>;

// Catalogue and providers
export type Product = Out<typeof productSchema>;
export type ProductSummary = Out<typeof productSummarySchema>;
export type Provider = Out<typeof providerSchema>;
export type ProviderSummary = Out<typeof providerSummarySchema>;
export type ProviderPerformance = Out<typeof performanceSchema>;
export type PwNormsOverview = Out<typeof normsOverviewSchema>;
export type PwNormPeriod = PwNormsOverview['current']['periods'][number];
/** What the administrator sends to add half years (the input shape: a status may be left out). */
export type PwAddNormsBody = z.input<typeof addNormsBodySchema>;

// Decisions, allocations, budget
export type Decision = Out<typeof decisionSchema>;
export type Allocation = Out<typeof allocationSchema>;
export type BudgetLine = Out<typeof budgetLineSchema>;
export type LineProviders = Out<typeof lineProvidersSchema>;
export type ProviderAllocations = Out<typeof providerAllocationsSchema>;

// Conversations
export type Conversation = Out<typeof conversationSchema>;
export type ConversationList = Out<typeof conversationListSchema>;
export type { Dimension, LadderStepId };

// Signals
export type Signal = Out<typeof signalSchema>;
export type SignalDetail = Out<typeof signalDetailSchema>;
export type SignalStatus = Signal['status'];
export type RuleRef = Signal['rule'];
export type Severity = RuleRef['severity'];
export type Rule = Out<typeof ruleSchema>;
export type Worklist = Out<typeof worklistSchema>;
export type TeamOption = Out<typeof teamOptionSchema>;
export type AssignResult = Out<typeof assignResultSchema>;

// Programme
export type Activity = Out<typeof activitySchema>;
export type ActivityStatus = Activity['status'];
export type Programme = Out<typeof programmeSchema>;
export type LineSummary = Out<typeof lineSummarySchema>;
export type ImportPreview = Out<typeof importPreviewSchema>;
export type ImportResult = Out<typeof importResultSchema>;
export type ActivityChange = Out<typeof historySchema>[number];

// Insights
export type Domain = Out<typeof domainSchema>;
export type KpiPanel = Out<typeof panelSchema>;
export type KpiSeries = KpiPanel['series'][number];
export type ScopeSeries = KpiSeries['scopes'][number];
export type Point = ScopeSeries['points'][number];
export type TrafficLight = KpiSeries['status'];
export type Dashboard = Out<typeof dashboardSchema>;
export type Portfolio = Out<typeof portfolioSchema>;
export type Target = Out<typeof targetSchema>;
export type SteeringReport = Out<typeof reportSchema>;
export type ActionPoint = SteeringReport['actionPoints'][number];
export type ReportSummary = Out<typeof reportSummarySchema>;

// Letters: documents stored with a case, and the municipality's letterhead
export type CaseDocuments = Out<typeof caseDocumentsSchema>;
export type CaseDocument = CaseDocuments['documents'][number];
export type StoredDocument = Out<typeof storedDocumentSchema>;
export type UploadedDocument = Out<typeof uploadedDocumentSchema>;
export type Letterhead = Out<typeof letterheadSchema>;
export type SaveLetterhead = z.input<typeof saveLetterheadSchema>;
// Beheer (the administrator)
export type StaffUser = Out<typeof staffUserSchema>;
export type OneTimePassword = Out<typeof oneTimePasswordSchema>;
export type TeamsOverview = Out<typeof teamsOverviewSchema>;
export type AdminTeam = TeamsOverview['teams'][number];
export type ApprovalSettings = Out<typeof settingsSchema>;
export type AdminCaseType = Out<typeof adminCaseTypeSchema>;
export type AdminBudgetLine = Out<typeof adminBudgetLineSchema>;
export type CreatedBudgetLine = Out<typeof createdBudgetLineSchema>;
export type AdminChange = Out<typeof adminChangeSchema>;
export type AdminSection = AdminChange['section'];

// Provider exchange (iWmo/iJw)
export type ExchangeMessageList = Out<typeof messageListSchema>;
export type OutboxResult = Out<typeof outboxResultSchema>;
export type ReceiveResult = Out<typeof receiveResultSchema>;
export type ProviderRequestList = Out<typeof requestListSchema>;
export type ProviderRequest = Out<typeof requestSchema>;
export type GrantResult = Out<typeof grantResultSchema>;
export type RefusalResult = Out<typeof refusalResultSchema>;

// Provider transport: machine accounts (Beheer) and refused messages (Berichtenverkeer)
export type MachineAccount = Out<typeof machineAccountSchema>;
export type CreatedMachineAccount = Out<typeof createdMachineAccountSchema>;
export type RefusalList = Out<typeof refusalListSchema>;

// Participatiewet application (issue #11 §1): one application and a resident's bijstandsdossier
export type PwApplication = Out<typeof applicationViewSchema>;
export type PwFile = Out<typeof pwFileSchema>;
// Participatiewet: the BUIG forecast (issue #11 §3)
export type BuigForecastView = Out<typeof forecastViewSchema>;
export type BuigBudget = Out<typeof buigBudgetSchema>;
export type SavedForecastScenario = Out<typeof savedScenarioSchema>;

// Participatiewet casework: open applications, income statements, recovery, re-examination, payment runs.
export type OpenApplication = Out<typeof openApplicationSchema>;
export type SpecialAssistance = Out<typeof specialAssistanceViewSchema>;
export type OpenSpecialAssistance = Out<typeof openSpecialAssistanceSchema>;
export type SpecialAssistanceCategory = Out<typeof categorySchema>;
export type SpecialAssistanceFigures = Out<typeof intakeFiguresSchema>;
export type EServiceStart = Out<typeof eServiceStartSchema>;
export type EServiceReceipt = Out<typeof eServiceReceiptSchema>;
export type EServiceSaved = Out<typeof eServiceSavedSchema>;
export type PwIncomeKind = { kind: IncomeKindCode } & IncomeKindRule;
export type PwStatements = Out<typeof statementsSchema>;
export type PwStatementOutcome = Out<typeof statementOutcomeSchema>;
export type PwClaim = Out<typeof claimSchema>;
export type PwClaimDetail = Out<typeof claimDetailSchema>;
export type PwResidentClaims = Out<typeof residentClaimsSchema>;
export type PwReexaminations = Out<typeof reexaminationsSchema>;
export type PwPaymentRun = Out<typeof runSchema>;
export type PwPaymentRunList = Out<typeof runListSchema>;
export type PwPaymentRunDetail = Out<typeof runDetailSchema>;

// Controls (issue #13 §1): the control frameworks (controlkaders)
export type ControlFrameworkOverview = Out<typeof frameworksOverviewSchema>;
export type ControlFrameworkSummary = ControlFrameworkOverview[number];
export type ControlFramework = Out<typeof frameworkDetailSchema>;
export type ControlFrameworkControl = ControlFramework['steps'][number]['risks'][number]['controls'][number];
// Control runs (issue #13 §2, autocontrols).
import type { runCreatedSchema as controlRunCreatedSchema, runDetailSchema as controlRunDetailSchema, runListSchema as controlRunListSchema, runSchema as controlRunSchema } from '../../../src/modules/controls/control-run.schema.js';
export type ControlRun = Out<typeof controlRunSchema>;
export type ControlRunList = Out<typeof controlRunListSchema>;
export type ControlRunDetail = Out<typeof controlRunDetailSchema>;
export type ControlRunCreated = Out<typeof controlRunCreatedSchema>;
// Control findings and follow-up (issue #13 §3).
import type { findingDetailSchema, findingListSchema, myFindingsSchema, ownerOptionsSchema, findingCreatedSchema } from '../../../src/modules/controls/finding.schema.js';
export type FindingList = Out<typeof findingListSchema>;
export type FindingSummary = FindingList['items'][number];
export type FindingDetail = Out<typeof findingDetailSchema>;
export type FindingActionView = FindingDetail['actions'][number];
export type MyFindings = Out<typeof myFindingsSchema>;
export type FindingOwnerOptions = Out<typeof ownerOptionsSchema>;
export type FindingCreated = Out<typeof findingCreatedSchema>;
// Control samples (issue #13 §2, steekproeven).
import type { populationKindListSchema as samplePopulationKindListSchema, previewSchema as samplePreviewSchema, sampleCreatedSchema, sampleDetailSchema, sampleListSchema } from '../../../src/modules/controls/sample.schema.js';
export type SamplePopulationKinds = Out<typeof samplePopulationKindListSchema>;
export type SamplePreview = Out<typeof samplePreviewSchema>;
export type SampleCreated = Out<typeof sampleCreatedSchema>;
export type SampleList = Out<typeof sampleListSchema>;
export type SampleDetail = Out<typeof sampleDetailSchema>;
export type SampleItem = SampleDetail['items'][number];
// Retention and destruction (issue #13 part 5): the destruction list, holds and requests (/api/retention).
import type {
  destroyOutcomeSchema,
  destructionSchema as retentionDestructionSchema,
  holdSchema as retentionHoldSchema,
  requestSchema as retentionRequestSchema,
  retentionIdSchema,
  retentionListSchema,
  retentionListSummarySchema,
  retentionRuleSchema,
} from '../../../src/modules/retention/retention.schema.js';
export type RetentionRule = Out<typeof retentionRuleSchema>;
export type RetentionListSummary = Out<typeof retentionListSummarySchema>;
export type RetentionList = Out<typeof retentionListSchema>;
export type RetentionDestroyOutcome = Out<typeof destroyOutcomeSchema>;
export type RetentionDestruction = Out<typeof retentionDestructionSchema>;
export type RetentionHold = Out<typeof retentionHoldSchema>;
export type RetentionRequest = Out<typeof retentionRequestSchema>;
export type RetentionId = Out<typeof retentionIdSchema>;
// Legality statement (issue #13 §4): year data, the statement per law and its stored versions (/api/control/legality).
import type { legalityOverviewSchema, legalityYearSchema, statementVersionSchema as legalityStatementVersionSchema } from '../../../src/modules/controls/legality.schema.js';
export type LegalityYear = Out<typeof legalityYearSchema>;
export type LegalityOverview = Out<typeof legalityOverviewSchema>;
export type LegalityStatementVersion = Out<typeof legalityStatementVersionSchema>;

// Debt help (schuldhulpverlening) and early signals (vroegsignalering), issue #12 §4
export type DebtCase = Out<typeof debtCaseSchema>;
export type DebtTerms = Out<typeof debtTermsSchema>;
export type ArrearsImportResult = Out<typeof arrearsImportResultSchema>;
export type ArrearsImports = Out<typeof arrearsImportsSchema>;
export type Outreach = Out<typeof outreachSchema>;
export type OutreachKpis = Out<typeof outreachKpisSchema>;

// Resident portal /mijn (issue #12 §1): the signed-in resident, their cases, one case with letters and requests.
import type { portalCaseSchema, portalCasesSchema, portalMeSchema, portalUploadedSchema } from '../../../src/modules/portal/portal.schema.js';
export type PortalMe = Out<typeof portalMeSchema>;
export type PortalCases = Out<typeof portalCasesSchema>;
export type PortalCase = Out<typeof portalCaseSchema>;
export type PortalUploaded = Out<typeof portalUploadedSchema>;

// Hulp bij geldzaken in /mijn (issue #12 §4): the resident's own requests for debt help.
import type { portalDebtHelpListSchema, portalDebtHelpReceiptSchema } from '../../../src/modules/portal/portal.debt.schema.js';
export type PortalDebtHelpList = Out<typeof portalDebtHelpListSchema>;
export type PortalDebtHelpReceipt = Out<typeof portalDebtHelpReceiptSchema>;
// "Inkomsten doorgeven" in Mijn gemeente: the months and kinds, and the receipt.
import type { incomeOverviewSchema, incomeReceiptSchema } from '../../../src/modules/participatiewet/pw.income-submission.schema.js';
export type PortalIncomeOverview = Out<typeof incomeOverviewSchema>;
export type PortalIncomeReceipt = Out<typeof incomeReceiptSchema>;
