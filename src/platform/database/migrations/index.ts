import type { Migration, MigrationProvider } from 'kysely';
import type { Engine } from '../engine.js';
import { initialSchema } from './0001_initial.js';
import { searchSchema } from './0002_search.js';
import { trustSchema } from './0003_trust.js';
import { jobsSchema } from './0004_jobs.js';
import { staffAccessSchema } from './0005_staff_access.js';
import { locationCalendarSchema } from './0006_location_calendar.js';
import { consentTactSchema } from './0007_consent_tact.js';
import { promisesSchema } from './0008_promises.js';
import { casesSchema } from './0009_cases.js';
import { notificationsSchema } from './0010_notifications.js';
import { contactStateSchema } from './0011_contact_state.js';
import { todaySchema } from './0012_today.js';
import { promiseTalliesSchema } from './0013_promise_tallies.js';
import { mergesSchema } from './0014_merges.js';
import { importsSchema } from './0015_imports.js';
import { matchProfilesSchema } from './0016_match_profiles.js';
import { urgentCasesSchema } from './0017_urgent_cases.js';
import { handoffsSchema } from './0018_handoffs.js';
import { emailSchema } from './0019_email.js';
import { phoneCallsSchema } from './0020_phone_calls.js';
import { webhooksSchema } from './0021_webhooks.js';
import { mailingsSchema } from './0022_mailings.js';
import { auditReaderSchema } from './0023_audit_reader.js';
import { importRecordKeysSchema } from './0024_import_record_keys.js';

/** Numbered and append-only: never edit a migration that has shipped, add the next one. */
export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001_initial': initialSchema(engine),
        '0002_search': searchSchema(engine),
        '0003_trust': trustSchema(engine),
        '0004_jobs': jobsSchema(engine),
        '0005_staff_access': staffAccessSchema(engine),
        '0006_location_calendar': locationCalendarSchema(),
        '0007_consent_tact': consentTactSchema(engine),
        '0008_promises': promisesSchema(engine),
        '0009_cases': casesSchema(engine),
        '0010_notifications': notificationsSchema(engine),
        '0011_contact_state': contactStateSchema(engine),
        '0012_today': todaySchema(engine),
        '0013_promise_tallies': promiseTalliesSchema(engine),
        '0014_merges': mergesSchema(engine),
        '0015_imports': importsSchema(engine),
        '0016_match_profiles': matchProfilesSchema(engine),
        '0017_urgent_cases': urgentCasesSchema(engine),
        '0018_handoffs': handoffsSchema(engine),
        '0019_email': emailSchema(engine),
        '0020_phone_calls': phoneCallsSchema(engine),
        '0021_webhooks': webhooksSchema(engine),
        '0022_mailings': mailingsSchema(engine),
        '0023_audit_reader': auditReaderSchema(),
        '0024_import_record_keys': importRecordKeysSchema(),
      };
    },
  };
}
