import type { FastifyReply } from 'fastify';
import { ProblemSchema } from '../common/schema.js';
import { loadInteraction } from '../interactions/interaction-store.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { MailError } from '../platform/mail/smtp-transport.js';
import { writeContextOf } from '../platform/write-context.js';
import { composerFor, sendCustomerEmail, SentButNotLogged, type EmailSettings } from './email-out-commands.js';
import { customerMailer } from './email-out-mailer.js';
import { ComposerOut, ComposerQuery, EmailParams, EmailSendIn, SentEmailOut } from './email-out-schemas.js';

const tags = ['email'];

/** A problem the error handler would hide (5xx): said here, because the person at Send needs to know what happened. */
const problem = (reply: FastifyReply, status: number, title: string, detail: string) =>
  reply.status(status).type('application/problem+json').send({ type: 'about:blank', title, status, detail });

const mailbox = (m: { name: string | null; address: string }) => (m.name ? `${m.name} <${m.address}>` : m.address);

/**
 * Email to one customer, written by a staff member from the customer's page. There is no endpoint
 * for many customers at once and no templates: Rapport does not send "personalised" mass mail.
 */
export async function emailOutRoutes(app: App) {
  const settings: EmailSettings = { mail: app.config.mail, publicUrl: app.config.publicUrl };
  const mailer = app.config.mail ? customerMailer(app.config.mail) : null;

  app.get(
    '/customers/:id/email-composer',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Whether the caller may write this customer an email, why not, their addresses, and (with replyTo) how a reply starts',
        params: EmailParams,
        querystring: ComposerQuery,
        response: { 200: ComposerOut, 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => composerFor(app.db, request.actor, request.params.id, settings, request.query.replyTo),
  );

  app.post(
    '/customers/:id/send-email',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Write to a customer: sends the email through RAPPORT_SMTP_URL, then logs it as an outbound email in their timeline',
        description:
          'From is RAPPORT_MAIL_FROM (with the writer’s name), Reply-To the writer. Refused (409) when sending is not set up, or when the customer asked not to be contacted or opted out of email; 404 for a customer erased or in the trash; 403 with an API token (a person writes). Nothing is written unless the mail server took the email; when it did not, 502 with its answer. With inReplyToInteractionId the email is threaded under that one (In-Reply-To, References).',
        params: EmailParams,
        body: EmailSendIn,
        response: {
          201: SentEmailOut,
          400: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
          422: ProblemSchema,
          500: ProblemSchema,
          502: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        const sent = await sendCustomerEmail(app.db, writeContextOf(request), request.params.id, request.body, { settings, mailer, log: request.log });
        const interaction = await loadInteraction(app.db, sent.interactionId);
        if (!interaction) throw notFound(`Interaction ${sent.interactionId}`);
        const { draft } = sent;
        return reply
          .status(201)
          .header('location', `/api/v1/interactions/${sent.interactionId}`)
          .send({
            interaction,
            email: {
              messageId: draft.messageId,
              inReplyTo: draft.inReplyTo,
              references: draft.references,
              threadId: draft.threadId,
              subject: draft.subject,
              from: mailbox(draft.from),
              replyTo: mailbox(draft.replyTo),
              to: draft.to,
              sentAt: sent.sentAt,
            },
            alreadyLogged: sent.alreadyLogged,
          });
      } catch (error) {
        if (error instanceof MailError) return problem(reply, 502, 'Bad gateway', `The email was not sent, and nothing was logged: ${error.message}.`);
        if (error instanceof SentButNotLogged) return problem(reply, 500, 'Sent but not logged', error.message);
        throw error;
      }
    },
  );
}
