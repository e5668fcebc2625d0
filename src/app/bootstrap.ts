import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import { createStaff } from '../staff/staff-commands.js';
import { countStaff } from '../staff/staff-store.js';

/** Headless installs: RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD create the first admin if there is no account yet. */
export async function ensureFirstAdmin(db: Db, config: Config, log: Pick<FastifyBaseLogger, 'info'>): Promise<void> {
  if (!config.admin) return;
  const { email, password } = config.admin;
  await db.transaction().execute(async (trx) => {
    if ((await countStaff(trx)) > 0) return;
    await createStaff(trx, null, { email, password, name: 'Administrator', role: 'admin' }, 'setup');
    log.info({ email }, 'created the first admin account from RAPPORT_ADMIN_EMAIL');
  });
}
