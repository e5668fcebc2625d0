import { authRoutes } from '../../auth/auth-routes.js';
import { customerRoutes } from '../../customers/customer-routes.js';
import { healthRoutes } from './health-routes.js';
import type { App } from './types.js';

/** Every feature's routes under /api/v1. Each route declares its access (see access.ts). */
export async function apiRoutes(app: App) {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(customerRoutes);
}
