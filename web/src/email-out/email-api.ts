/**
 * Email out (src/email-out/): what the composer may do for a customer, and sending. Types come from
 * the server's own schemas (type-only imports).
 */
import type { Static } from 'typebox';
import type { ComposerOut, EmailSendIn, SentEmailOut } from '../../../src/email-out/email-out-schemas.js';
import { get, post, query } from '../api/client';

export type EmailComposerInfo = Static<typeof ComposerOut>;
export type EmailReplyStart = NonNullable<EmailComposerInfo['reply']>;
export type EmailSend = Static<typeof EmailSendIn>;
export type SentEmail = Static<typeof SentEmailOut>;

export const emailOut = {
  composer: (customerId: string, replyTo?: string) => get<EmailComposerInfo>(`/customers/${customerId}/email-composer${query({ replyTo })}`),
  send: (customerId: string, body: EmailSend) => post<SentEmail>(`/customers/${customerId}/send-email`, body),
};
