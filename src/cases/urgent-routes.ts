import { IdParams, ProblemSchema } from '../common/schema.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { fillCaseFields } from './case-field-commands.js';
import { caseDetail } from './case-read.js';
import { CaseDetail } from './case-schemas.js';
import { archiveCaseType, createCaseType, listCaseTypes, replaceCaseType } from './case-types.js';
import { fillInLaterPage } from './fill-in-later-list.js';
import { helpReport } from './help-report.js';
import { createUrgentCase, recordHelp } from './urgent-commands.js';
import { CaseTypeCreate, CaseTypeParams, CaseTypePut, CaseTypesOut, FieldsIn, FillInLaterPage, FillInLaterQuery, HelpIn, HelpReportOut, HelpReportQuery, UrgentCaseIn, UrgentCaseOut } from './urgent-schemas.js';

/** Help first, fill in later (issue 11): the urgent intake, help dispatched and given, fields filled in later, case types, time to help. */

const tags = ['cases'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export async function urgentCaseRoutes(app: App) {
  app.post(
    '/urgent-cases',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Open an urgent case with the minimum (a callback number, a name or a customer; where they are; the help needed) so help can go at once; the rest is filled in later',
        body: UrgentCaseIn,
        response: { 201: UrgentCaseOut, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, customerFound } = await app.db.transaction().execute((trx) => createUrgentCase(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/cases/${id}`).send({ ...(await caseDetail(app.db, id)), customerFound });
    },
  );

  for (const step of ['dispatched', 'given'] as const) {
    app.post(
      `/cases/:id/help-${step}`,
      {
        config: { access: 'frontline' },
        schema: {
          tags,
          summary: step === 'dispatched' ? 'Record that help was dispatched (once; the fields due at dispatch fall due now)' : 'Record that help was given (once)',
          params: IdParams,
          body: HelpIn,
          response: { 200: CaseDetail, ...errors },
        },
      },
      async (request) => {
        await app.db.transaction().execute((trx) => recordHelp(trx, writeContextOf(request), request.params.id, step, request.body ?? {}));
        return caseDetail(app.db, request.params.id);
      },
    );
  }

  app.patch(
    '/cases/:id/fields',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Fill in (or empty) fields its type wants, now or later; only the keys given change', params: IdParams, body: FieldsIn, response: { 200: CaseDetail, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => fillCaseFields(trx, writeContextOf(request), request.params.id, request.body.fields));
      return caseDetail(app.db, request.params.id);
    },
  );

  app.get(
    '/case-types',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Case types and their policies: the fields each wants and by when', response: { 200: CaseTypesOut } } },
    async () => ({ items: await listCaseTypes(app.db) }),
  );

  app.post(
    '/case-types',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'Add a case type with the fields it wants and by when', body: CaseTypeCreate, response: { 201: CaseTypesOut, 400: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema } },
    },
    async (request, reply) => {
      const key = await app.db.transaction().execute((trx) => createCaseType(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/case-types/${key}`).send({ items: await listCaseTypes(app.db) });
    },
  );

  app.put(
    '/case-types/:key',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'Change a case type’s label and fields (cases opened from now on take them)', params: CaseTypeParams, body: CaseTypePut, response: { 200: CaseTypesOut, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => replaceCaseType(trx, writeContextOf(request), request.params.key, request.body));
      return { items: await listCaseTypes(app.db) };
    },
  );

  for (const [verb, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/case-types/:key/${verb}`,
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: archived
            ? 'Archive a case type: offered for new cases no more (opening one with it is refused with 422 at /body/type); its cases keep it and the report still shows them'
            : 'Restore an archived case type: offered for new cases again',
          params: CaseTypeParams,
          response: { 200: CaseTypesOut, ...errors },
        },
      },
      async (request) => {
        await app.db.transaction().execute((trx) => archiveCaseType(trx, writeContextOf(request), request.params.key, archived));
        return { items: await listCaseTypes(app.db) };
      },
    );
  }

  app.get(
    '/cases/fill-in-later',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'The whole fill-in-later list, a page at a time: the missing fields of your open cases (or, for managers, everyone’s at their locations), overdue first',
        querystring: FillInLaterQuery,
        response: { 200: FillInLaterPage, 400: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => fillInLaterPage(app.db, actorOf(request), request.query),
  );

  app.get(
    '/cases/help-report',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Time to help and time to complete per case type and location: count, median and 90th percentile in minutes, over the cases opened in a period',
        querystring: HelpReportQuery,
        response: { 200: HelpReportOut, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => helpReport(app.db, actorOf(request), request.query),
  );
}
