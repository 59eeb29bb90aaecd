import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_programme.js';
import * as m0003 from './0003_catalogue.js';
import * as m0004 from './0004_access_cases.js';
import * as m0005 from './0005_conversations.js';
import * as m0006 from './0006_decisions_allocations.js';
import * as m0007 from './0007_resident_access.js';
import * as m0008 from './0008_signals.js';
import * as m0009 from './0009_insights.js';
import * as m0010 from './0010_audit_chain.js';
import * as m0011 from './0011_allocation_controls.js';
import * as m0012 from './0012_login_throttle.js';
import * as m0013 from './0013_break_glass_renewals.js';
import * as m0014 from './0014_jobs.js';
import * as m0015 from './0015_resident_search.js';
import * as m0016 from './0016_case_notes.js';
import * as m0017 from './0017_letters.js';
import * as m0018 from './0018_admin.js';
import * as m0019 from './0019_exchange.js';
import * as m0020 from './0020_declarations.js';
import * as m0022 from './0022_requests.js';
import * as m0023 from './0023_exchange_transport.js';
import * as m0024 from './0024_exchange_storage.js';
import * as m0025 from './0025_request_approval.js';
import * as m0026 from './0026_pw_norm_tables.js';
import * as m0027 from './0027_audit_chain_plans.js';
import * as m0028 from './0028_pw_core.js';
import * as m0029 from './0029_pw_payment_runs.js';
import * as m0030 from './0030_pw_applications.js';
import * as m0031 from './0031_pw_reexaminations.js';
import * as m0032 from './0032_pw_forecast.js';
import * as m0033 from './0033_pw_payment_run_indexes.js';
import * as m0034 from './0034_control_frameworks.js';
import * as m0035 from './0035_control_runs.js';
import * as m0036 from './0036_retention.js';
import * as m0037 from './0037_audit_chain_tail.js';
import * as m0038 from './0038_control_findings.js';
import * as m0042 from './0042_retention_coverage.js';
import * as m0043 from './0043_control_indexes.js';
import * as m0044 from './0044_finding_action_changes.js';
import * as m0046 from './0046_documents.js';
import * as m0047 from './0047_debt_help.js';
import * as m0048 from './0048_resident_portal.js';
import * as m0049 from './0049_special_assistance.js';
import * as m0050 from './0050_case_reference.js';
import * as m0051 from './0051_debt_retention_portal.js';
import * as m0052 from './0052_pw_income_submissions.js';
import * as m0053 from './0053_request_letters.js';
import * as m0054 from './0054_resident_search_terms.js';
import * as m0055 from './0055_rate_limit_counters.js';
import * as m0056 from './0056_search_terms_names.js';
import * as m0057 from './0057_session_lookup.js';
import * as m0058 from './0058_audit_time_ordered_ids.js';
import * as m0059 from './0059_audit_log_insert.js';
import * as m0060 from './0060_audit_log_insert_groups.js';
import * as m0061 from './0061_audit_log_lighter_insert.js';
import * as m0062 from './0062_audit_chain_invoker.js';
import * as m0063 from './0063_audit_record_subjects.js';

/** Every migration, in order. Listed statically so it works the same from source, tests and bundles. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_programme': m0002,
  '0003_catalogue': m0003,
  '0004_access_cases': m0004,
  '0005_conversations': m0005,
  '0006_decisions_allocations': m0006,
  '0007_resident_access': m0007,
  '0008_signals': m0008,
  '0009_insights': m0009,
  '0010_audit_chain': m0010,
  '0011_allocation_controls': m0011,
  '0012_login_throttle': m0012,
  '0013_break_glass_renewals': m0013,
  '0014_jobs': m0014,
  '0015_resident_search': m0015,
  '0016_case_notes': m0016,
  '0017_letters': m0017,
  '0018_admin': m0018,
  '0019_exchange': m0019,
  '0020_declarations': m0020,
  '0022_requests': m0022,
  '0023_exchange_transport': m0023,
  '0024_exchange_storage': m0024,
  '0025_request_approval': m0025,
  '0026_pw_norm_tables': m0026,
  '0027_audit_chain_plans': m0027,
  '0028_pw_core': m0028,
  '0029_pw_payment_runs': m0029,
  '0030_pw_applications': m0030,
  '0031_pw_reexaminations': m0031,
  '0032_pw_forecast': m0032,
  '0033_pw_payment_run_indexes': m0033,
  '0034_control_frameworks': m0034,
  '0035_control_runs': m0035,
  '0036_retention': m0036,
  '0037_audit_chain_tail': m0037,
  '0038_control_findings': m0038,
  '0042_retention_coverage': m0042,
  '0043_control_indexes': m0043,
  '0044_finding_action_changes': m0044,
  '0046_documents': m0046,
  '0047_debt_help': m0047,
  '0048_resident_portal': m0048,
  '0049_special_assistance': m0049,
  '0050_case_reference': m0050,
  '0051_debt_retention_portal': m0051,
  '0052_pw_income_submissions': m0052,
  '0053_request_letters': m0053,
  '0054_resident_search_terms': m0054,
  '0055_rate_limit_counters': m0055,
  '0056_search_terms_names': m0056,
  '0057_session_lookup': m0057,
  '0058_audit_time_ordered_ids': m0058,
  '0059_audit_log_insert': m0059,
  '0060_audit_log_insert_groups': m0060,
  '0061_audit_log_lighter_insert': m0061,
  '0062_audit_chain_invoker': m0062,
  '0063_audit_record_subjects': m0063,
};
