// Every table of the database, for Kysely: each module (and platform part) owns its table types in
// its own `*.tables.ts`; this file only assembles them. Column types they share: column-types.ts.
import type { AuditTables } from '../platform/audit/audit.tables.js';
import type { AuthTables } from '../platform/auth/auth.tables.js';
import type { JobTables } from '../platform/jobs/job.tables.js';
import type { RateLimitTables } from '../platform/http/rate-limit.tables.js';
import type { AdminTables } from '../modules/admin/admin.tables.js';
import type { AccessTables } from '../modules/access/access.tables.js';
import type { CaseTables } from '../modules/cases/case.tables.js';
import type { CatalogueTables } from '../modules/catalogue/product.tables.js';
import type { ControlFrameworkTables } from '../modules/controls/framework.tables.js';
import type { ControlFindingTables } from '../modules/controls/findings.tables.js';
import type { ControlRunTables } from '../modules/controls/control-run.tables.js';
import type { ConversationTables } from '../modules/conversations/conversation.tables.js';
import type { DecisionTables } from '../modules/decisions/decision.tables.js';
import type { ExchangeTables } from '../modules/exchange/exchange.tables.js';
import type { RequestTables } from '../modules/exchange/exchange.request.tables.js';
import type { BudgetTables } from '../modules/finance/budget.tables.js';
import type { InsightsTables } from '../modules/insights/insights.tables.js';
import type { DocumentTables } from '../modules/documents/document.tables.js';
import type { DebtTables } from '../modules/debt/debt.tables.js';
import type { LetterTables } from '../modules/letters/letter.tables.js';
import type { PortalTables } from '../modules/portal/portal.tables.js';
import type { NotificationTables } from '../modules/notifications/notification.tables.js';
import type { ParticipatiewetTables } from '../modules/participatiewet/pw.tables.js';
import type { PwReexaminationTables } from '../modules/participatiewet/pw.reexamination.tables.js';
import type { PwApplicationTables } from '../modules/participatiewet/pw.application.tables.js';
import type { PwForecastTables } from '../modules/participatiewet/pw.forecast.tables.js';
import type { PwPaymentRunTables } from '../modules/participatiewet/pw.payment-run.tables.js';
import type { SpecialAssistanceTables } from '../modules/participatiewet/pw.special-assistance.tables.js';
import type { PwIncomeSubmissionTables } from '../modules/participatiewet/pw.income-submission.tables.js';
import type { ProgrammeTables } from '../modules/programme/programme.tables.js';
import type { ProviderTables } from '../modules/providers/provider.tables.js';
import type { RetentionTables } from '../modules/retention/retention.tables.js';
import type { ResidentTables } from '../modules/residents/resident.tables.js';
import type { SignalTables } from '../modules/signals/signal.tables.js';
import type { TenantTables } from '../modules/tenants/tenant.tables.js';

/** Every table. */
export interface DB
  extends TenantTables,
    AuthTables,
    AuditTables,
    ResidentTables,
    AccessTables,
    CaseTables,
    ConversationTables,
    DecisionTables,
    CatalogueTables,
    ProviderTables,
    BudgetTables,
    ProgrammeTables,
    SignalTables,
    ParticipatiewetTables,
    PwReexaminationTables,
    PwApplicationTables,
    PwForecastTables,
    PwPaymentRunTables,
    SpecialAssistanceTables,
    PwIncomeSubmissionTables,
    ControlRunTables,
    ControlFindingTables,
    InsightsTables,
    NotificationTables,
    LetterTables,
    DocumentTables,
    DebtTables,
    PortalTables,
    ExchangeTables,
    RequestTables,
    JobTables,
    RateLimitTables,
    AdminTables,
    ControlFrameworkTables,
    RetentionTables {}
