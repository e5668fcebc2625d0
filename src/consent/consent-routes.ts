import { IdParams, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { clearDoNotContact, setChannelConsent, setDoNotContact } from './consent-commands.js';
import { ConsentChannelParams, ConsentOut, ConsentPut, DoNotContactPut } from './consent-schemas.js';
import { presentConsent } from './consent-store.js';

const tags = ['consent'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

/**
 * A customer's consent: per channel opted in or out, and do-not-contact. Frontline staff record it
 * (a customer tells the clerk), like other profile edits. Every answer is the whole consent as it is
 * now, with what it means for contacting them. Email written from Rapport (src/email-out/) honours it.
 */
export async function consentRoutes(app: App) {
  app.get(
    '/customers/:id/consent',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: "A customer's consent: each channel, do-not-contact, and what it allows", params: IdParams, response: { 200: ConsentOut, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      if (!(await customerExists(app.db, request.params.id))) throw notFound(`Customer ${request.params.id}`);
      return presentConsent(app.db, request.params.id);
    },
  );

  app.put(
    '/customers/:id/consent/:channel',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Record that the customer opted in to or out of one channel (the same choice again changes nothing)',
        params: ConsentChannelParams,
        body: ConsentPut,
        response: { 200: ConsentOut, ...errors },
      },
    },
    async (request) => {
      const { id, channel } = request.params;
      return app.db.transaction().execute(async (trx) => {
        await setChannelConsent(trx, writeContextOf(request), id, channel, request.body);
        return presentConsent(trx, id);
      });
    },
  );

  app.put(
    '/customers/:id/do-not-contact',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Record that the customer asked not to be contacted at all: since when and why',
        params: IdParams,
        body: DoNotContactPut,
        response: { 200: ConsentOut, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      return app.db.transaction().execute(async (trx) => {
        await setDoNotContact(trx, writeContextOf(request), id, request.body);
        return presentConsent(trx, id);
      });
    },
  );

  app.delete(
    '/customers/:id/do-not-contact',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Lift do-not-contact: the customer may be contacted again, as each channel allows (nothing to lift changes nothing)',
        params: IdParams,
        response: { 200: ConsentOut, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      return app.db.transaction().execute(async (trx) => {
        await clearDoNotContact(trx, writeContextOf(request), id);
        return presentConsent(trx, id);
      });
    },
  );
}
