import { Type } from 'typebox';
import { IdParams, ProblemSchema } from '../common/schema.js';
import { recordAudit } from '../audit/audit-store.js';
import { actorOf, personOnly } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { EraseBody, ErasureOut, SubjectAccessOut, SubjectAccessQuery } from './data-rights-schemas.js';
import { eraseCustomer } from './erasure-commands.js';
import { subjectAccess } from './subject-access.js';
import { renderSubjectAccessHtml } from './subject-access-html.js';

const tags = ['data rights'];

/** A customer's rights over their data: a copy of everything (subject access), and erasure. */
export async function dataRightsRoutes(app: App) {
  app.get(
    '/customers/:id/subject-access',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Everything Rapport holds about a customer, for the customer: JSON, or a readable page with ?format=html',
        description:
          'For admins, and managers who may read every private record of this customer (403 otherwise, naming who can). Producing it is audited.',
        params: IdParams,
        querystring: SubjectAccessQuery,
        response: {
          200: {
            description: 'The report, as JSON or as a page',
            content: { 'application/json': { schema: SubjectAccessOut }, 'text/html': { schema: Type.String({ description: 'A page to print or hand over' }) } },
          },
          403: ProblemSchema,
          404: ProblemSchema,
          410: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const report = await app.db.transaction().execute(async (trx) => {
        const found = await subjectAccess(trx, actor, request.params.id);
        await recordAudit(trx, actor, { action: 'subject_access', entityType: 'customer', entityId: found.customerId, customerId: found.customerId, after: { format: request.query.format ?? 'json' } });
        return found;
      });
      if (request.query.format === 'html') {
        const file = report.displayName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'customer';
        return reply
          .type('text/html; charset=utf-8')
          .header('content-disposition', `inline; filename="subject-access-${file}.html"`)
          .header('cache-control', 'no-store')
          .send(renderSubjectAccessHtml(report));
      }
      return reply.header('cache-control', 'no-store').send(report);
    },
  );

  app.post(
    '/customers/:id/erase',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary: "Erase a customer's personal data everywhere, leaving a tombstone (admins, signed in)",
        description:
          'Deletes their contact points, notes, life events, projects and links; keeps their contacts and purchases for the figures without what was said or bought; empties what the trash held of them; redacts the audit trail about them; records who erased them, when and why. Cannot be undone.',
        params: IdParams,
        body: EraseBody,
        response: { 200: ErasureOut, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => app.db.transaction().execute((trx) => eraseCustomer(trx, writeContextOf(request), request.params.id, request.body.reason)),
  );
}
