/**
 * The webhook API as the web app calls it. Shapes come from the server's own schemas (type-only
 * imports: nothing of the server reaches the bundle).
 */
import type { Static } from 'typebox';
import type {
  DeliveryDetail as DeliveryDetailSchema,
  DeliveryOut,
  WebhookCreate as WebhookCreateSchema,
  WebhookCreated as WebhookCreatedSchema,
  WebhookOut,
  WebhookPatch as WebhookPatchSchema,
} from '../../../src/webhooks/webhook-schemas.js';
import type { WebhookEventType as ServerEventType } from '../../../src/webhooks/webhook-rules.js';
import { get, patch, post, query, request } from '../api/client';
import type { Page } from '../api/types';

export type Webhook = Static<typeof WebhookOut>;
export type WebhookCreated = Static<typeof WebhookCreatedSchema>;
export type WebhookCreate = Static<typeof WebhookCreateSchema>;
export type WebhookPatch = Static<typeof WebhookPatchSchema>;
export type Delivery = Static<typeof DeliveryOut>;
export type DeliveryDetail = Static<typeof DeliveryDetailSchema>;
export type DeliveryStatus = Delivery['status'];
export type WebhookEventType = ServerEventType;

export const webhooks = {
  list: async (): Promise<Webhook[]> => {
    const all: Webhook[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Webhook> = await get<Page<Webhook>>(`/webhooks${query({ cursor, limit: 200 })}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  },
  create: (body: WebhookCreate) => post<WebhookCreated>('/webhooks', body),
  update: (id: string, body: WebhookPatch) => patch<Webhook>(`/webhooks/${id}`, body),
  remove: (id: string) => request<void>('DELETE', `/webhooks/${id}`),
  test: (id: string) => post<Delivery>(`/webhooks/${id}/test`, {}),
  deliveries: (id: string, status: DeliveryStatus | null, cursor: string | null) => get<Page<Delivery>>(`/webhooks/${id}/deliveries${query({ status, cursor, limit: 20 })}`),
  delivery: (id: string) => get<DeliveryDetail>(`/webhook-deliveries/${id}`),
  replay: (id: string) => post<Delivery>(`/webhook-deliveries/${id}/replay`, {}),
};
