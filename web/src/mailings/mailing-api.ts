import type { Static } from 'typebox';
import type { MailingChannel as MailingChannelSchema, MailingCreate as MailingCreateSchema, MailingOut, UploadOut, UploadProblemOut } from '../../../src/mailings/mailing-schemas.js';
import { get, post, query, request } from '../api/client';
import type { Page } from '../api/types';

/** The mailings API as the web app reads it, its shapes taken from the server's schemas (type-only imports). */

export type Mailing = Static<typeof MailingOut>;
export type MailingCreate = Static<typeof MailingCreateSchema>;
export type MailingChannel = Static<typeof MailingChannelSchema>;
export type Upload = Static<typeof UploadOut>;
export type UploadProblem = Static<typeof UploadProblemOut>;

export const mailings = {
  list: (cursor: string | null, limit = 20) => get<Page<Mailing>>(`/mailings${query({ cursor, limit })}`),
  get: (id: string) => get<Mailing>(`/mailings/${id}`),
  create: (body: MailingCreate) => post<Mailing>('/mailings', body),
  /** A CSV of recipients, sent as it is; logged in the background. */
  upload: (id: string, file: ArrayBuffer, fileName: string, source: string | null) =>
    request<Upload>('POST', `/mailings/${id}/recipients${query({ fileName, source })}`, undefined, { file: { bytes: file, contentType: 'text/csv' } }),
  uploads: (id: string) => get<{ items: Upload[] }>(`/mailings/${id}/uploads`).then((r) => r.items),
  uploadOf: (id: string, uploadId: string) => get<Upload>(`/mailings/${id}/uploads/${uploadId}`),
  problems: (id: string, uploadId: string, cursor: string | null, limit = 20) => get<Page<UploadProblem>>(`/mailings/${id}/uploads/${uploadId}/problems${query({ cursor, limit })}`),
};
