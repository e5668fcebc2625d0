import type { Static } from 'typebox';
import type { EmailOut, FiledOut, FileIn, UnfiledOut } from '../../../src/email/email-schemas.js';
import { get, post, query } from '../api/client';
import type { Page } from '../api/types';

/** Email into Rapport (src/email/): the email behind a contact, and the mail waiting to be filed. Types from the server's schemas. */

export type Email = Static<typeof EmailOut>;
export type UnfiledEmail = Static<typeof UnfiledOut>;
export type Filed = Static<typeof FiledOut>;
export type FileRequest = Static<typeof FileIn>;

export const emailIn = {
  ofContact: (interactionId: string) => get<Email>(`/interactions/${encodeURIComponent(interactionId)}/email`),
  waiting: (cursor: string | null) => get<Page<UnfiledEmail>>(`/unfiled-emails${query({ status: 'waiting', cursor, limit: 20 })}`),
  file: (id: string, body: FileRequest) => post<Filed>(`/unfiled-emails/${encodeURIComponent(id)}/file`, body),
  discard: (id: string) => post<UnfiledEmail>(`/unfiled-emails/${encodeURIComponent(id)}/discard`, {}),
};
