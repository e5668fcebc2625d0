import type { Kysely } from 'kysely';

/**
 * The brief asks what the reader last did about this customer (the audit of one customer by one staff
 * member, newest first). With only (customer_id, at) and (staff_id, at) to choose from, SQLite without
 * statistics read every audit entry of the staff member (thousands for anyone who has worked a year)
 * to find this customer's; (customer_id, staff_id, at) reads just those.
 *
 * Standalone: this file imports nothing of the application.
 */
export function auditReaderSchema() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('audit_events_customer_staff').on('audit_events').columns(['customer_id', 'staff_id', 'at']).execute();
    },
  };
}
