import { createCustomer } from '../customers/customer-commands.js';
import type { Actor } from '../platform/auth/actor.js';
import type { Role } from '../platform/auth/roles.js';
import type { Db } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { createProject } from '../projects/project-commands.js';
import { createStaff } from '../staff/staff-commands.js';

export { projectEndsSource } from './project-ends-source.js';

export const actorFor = (staffId: string, role: Role = 'frontline'): Actor => ({
  staffId,
  name: 'Test',
  role,
  locationIds: [],
  via: 'session',
  tokenId: null,
  canWrite: true,
});

export const contextFor = (staffId: string): WriteContext => ({ actor: actorFor(staffId), phoneRegion: 'US' });

let counter = 0;

/** A staff member with a real address (a person) who can sign in. */
export async function addStaff(db: Db, name: string, options: { role?: Role; email?: string } = {}): Promise<{ id: string; email: string; name: string }> {
  counter += 1;
  const email = options.email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${counter}.${process.pid}@test.example`;
  const id = await createStaff(db, null, { email, name, role: options.role ?? 'frontline', password: 'correct horse battery staple' });
  return { id, email, name };
}

/** A customer and a project of theirs ending on `endedOn`, recorded by `staffId`. */
export async function addEndingProject(db: Db, staffId: string, customerName: string, endedOn: string): Promise<{ customerId: string; projectId: string }> {
  return db.transaction().execute(async (trx) => {
    const ctx = contextFor(staffId);
    const customerId = await createCustomer(trx, ctx, { displayName: customerName });
    const projectId = await createProject(trx, ctx, { customerId, title: 'Kitchen refit', endedOn });
    return { customerId, projectId };
  });
}
