import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit-store.js';
import { ProblemSchema } from '../common/schema.js';
import { sessionCookie } from '../platform/http/access.js';
import { actorOf } from '../platform/http/actor-of.js';
import { conflict, tooMany, unauthorized, unprocessable } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { choosePassword, createStaff, findLiveLink } from '../staff/staff-commands.js';
import { deadLinkMessage } from '../staff/staff-rules.js';
import { countStaff, findStaffByEmail, loadStaff, normalizeStaffEmail } from '../staff/staff-store.js';
import { AcceptLinkBody, LoginBody, Me, SetupBody } from './auth-schemas.js';
import { clearFailures, countRecentFailures, isAddressThrottled, isThrottled, linkFailureKey, recordFailure } from './login-throttle.js';
import { decoyHash, hasPassword, hashPassword, verifyPassword } from './secrets.js';
import { endSession, startSession, type NewSession } from './session-store.js';

const tags = ['auth'];

export async function authRoutes(app: App) {
  const setCookie = (reply: FastifyReply, session: NewSession) =>
    reply.setCookie(sessionCookie, session.cookieValue, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });

  const me = async (staffId: string, via: 'session' | 'token', csrfToken: string | null) => {
    const staff = await loadStaff(app.db, staffId);
    if (!staff) throw unauthorized();
    return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, locationIds: staff.locationIds, via, csrfToken };
  };

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign in; sets the session cookie', security: [], body: LoginBody, response: { 200: Me, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema } },
    },
    async (request, reply) => {
      const email = normalizeStaffEmail(request.body.email);
      if (isThrottled(await countRecentFailures(app.db, email, request.ip))) {
        throw tooMany('Too many failed sign-ins. Wait 15 minutes and try again, or ask an admin to reset your password.');
      }
      const staff = await findStaffByEmail(app.db, email);
      // Always spend the time of one hash, so a missing account (or one with no password yet) is not faster to reject.
      const usable = staff && hasPassword(staff.passwordHash) ? staff.passwordHash : await decoyHash;
      const valid = (await verifyPassword(request.body.password, usable)) && usable !== (await decoyHash);
      if (!staff || !staff.active || !valid) {
        await recordFailure(app.db, email, request.ip);
        throw unauthorized('The email or password is wrong.');
      }
      const session = await app.db.transaction().execute(async (trx) => {
        await clearFailures(trx, email);
        const started = await startSession(trx, staff.id, request.ip, request.headers['user-agent'] ?? null);
        await recordAudit(trx, { staffId: staff.id, tokenId: null }, { action: 'sign_in', entityType: 'staff', entityId: staff.id });
        return started;
      });
      setCookie(reply, session);
      return me(staff.id, 'session', session.csrfToken);
    },
  );

  app.post(
    '/auth/accept-link',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Choose a password with a one-time invitation or reset link, and sign in',
        description:
          'The same answer (422 on /body/token) for a link that is unknown, already used, more than 7 days old or for a disabled account. Failed attempts count towards the sign-in throttle of the client address.',
        security: [],
        body: AcceptLinkBody,
        response: { 200: Me, 400: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (isAddressThrottled(await countRecentFailures(app.db, linkFailureKey, request.ip))) {
        throw tooMany('Too many attempts with links that do not work. Wait 15 minutes and try again.');
      }
      const link = await findLiveLink(app.db, request.body.token);
      if (!link) {
        await recordFailure(app.db, linkFailureKey, request.ip);
        throw unprocessable('/body/token', deadLinkMessage);
      }
      const passwordHash = await hashPassword(request.body.password);
      const session = await app.db.transaction().execute(async (trx) => {
        await choosePassword(trx, link, passwordHash);
        const started = await startSession(trx, link.staffId, request.ip, request.headers['user-agent'] ?? null);
        await recordAudit(trx, { staffId: link.staffId, tokenId: null }, { action: 'sign_in', entityType: 'staff', entityId: link.staffId });
        return started;
      });
      setCookie(reply, session);
      return reply.header('cache-control', 'no-store').send(await me(link.staffId, 'session', session.csrfToken));
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Sign out; ends the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const cookie = request.cookies[sessionCookie];
      if (cookie) {
        await app.db.transaction().execute(async (trx) => {
          await endSession(trx, cookie);
          await recordAudit(trx, request.actor, { action: 'sign_out', entityType: 'staff', entityId: actorOf(request).staffId });
        });
      }
      return reply.clearCookie(sessionCookie, { path: '/' }).status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Who is signed in, and the CSRF token for changes', response: { 200: Me } } },
    async (request) => {
      const actor = actorOf(request);
      return me(actor.staffId, actor.via, request.csrfToken);
    },
  );

  app.get(
    '/setup',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Whether the first admin account still has to be created', security: [], response: { 200: Type.Object({ needed: Type.Boolean() }) } },
    },
    async () => ({ needed: (await countStaff(app.db)) === 0 }),
  );

  app.post(
    '/setup',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Create the first admin account (only while there is none) and sign in', security: [], body: SetupBody, response: { 201: Me, 400: ProblemSchema, 409: ProblemSchema } },
    },
    async (request, reply) => {
      const staffId = await app.db.transaction().execute(async (trx) => {
        if ((await countStaff(trx)) > 0) throw conflict('Rapport is already set up; sign in instead.');
        return createStaff(trx, null, { ...request.body, role: 'admin' }, 'setup');
      });
      const session = await startSession(app.db, staffId, request.ip, request.headers['user-agent'] ?? null);
      setCookie(reply, session);
      return reply.status(201).send(await me(staffId, 'session', session.csrfToken));
    },
  );
}
