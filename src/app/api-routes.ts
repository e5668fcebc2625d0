import { auditRoutes } from '../audit/audit-routes.js';
import { locationRoutes } from '../locations/location-routes.js';
import { staffRoutes } from '../staff/staff-routes.js';
import { tokenRoutes } from '../tokens/token-routes.js';
import { authRoutes } from '../auth/auth-routes.js';
import { customerRoutes } from '../customers/customer-routes.js';
import { lifeEventRoutes } from '../life-events/life-event-routes.js';
import { noteRoutes } from '../notes/note-routes.js';
import { projectRoutes } from '../projects/project-routes.js';
import { timelineRoutes } from '../timeline/timeline-routes.js';
import { interactionRoutes } from '../interactions/interaction-routes.js';
import { transactionRoutes } from '../transactions/transaction-routes.js';
import { searchRoutes } from '../search/search-routes.js';
import { briefRoutes } from '../brief/brief-routes.js';
import { trashRoutes } from '../trash/trash-routes.js';
import { consentRoutes } from '../consent/consent-routes.js';
import { preferenceRoutes } from '../preferences/preference-routes.js';
import { dataRightsRoutes } from '../data-rights/data-rights-routes.js';
import { healthRoutes } from '../platform/http/health-routes.js';
import type { App } from '../platform/http/types.js';

/** Every feature's routes under /api/v1. Each route declares its access (see access.ts). */
export async function apiRoutes(app: App) {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(customerRoutes);
  await app.register(searchRoutes);
  await app.register(lifeEventRoutes);
  await app.register(projectRoutes);
  await app.register(noteRoutes);
  await app.register(timelineRoutes);
  await app.register(briefRoutes);
  await app.register(interactionRoutes);
  await app.register(transactionRoutes);
  await app.register(staffRoutes);
  await app.register(locationRoutes);
  await app.register(tokenRoutes);
  await app.register(auditRoutes);
  await app.register(trashRoutes);
  await app.register(consentRoutes);
  await app.register(preferenceRoutes);
  await app.register(dataRightsRoutes);
}
