import type { Role } from './roles.js';

/** Who is making a request: a signed-in staff member, or an API token acting for one. */
export interface Actor {
  staffId: string;
  name: string;
  role: Role;
  locationIds: string[];
  via: 'session' | 'token';
  tokenId: string | null;
  /** Tokens may be read-only; sessions can always write what their role allows. */
  canWrite: boolean;
}

/** Work done by Rapport itself (start-up, the CLI, demo data) is audited with no actor. */
export type ActorOrSystem = Actor | null;
