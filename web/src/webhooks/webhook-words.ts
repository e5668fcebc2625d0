import type { DeliveryStatus, WebhookEventType } from './webhook-api';

/** The event types in the server's order, in words (a type added on the server is a type error here until it is named). */
export const eventTypeWords: Record<WebhookEventType, { label: string; hint: string }> = {
  'customer.created': { label: 'Customer created', hint: 'with the contact points given' },
  'customer.changed': { label: 'Customer changed', hint: 'profile, contact points, links, trash, erasure' },
  'customer.merged': { label: 'Customers merged', hint: 'a duplicate merged into the customer' },
  'interaction.logged': { label: 'Contact logged', hint: 'a call, visit, email…' },
  'transaction.recorded': { label: 'Transaction recorded', hint: 'a purchase, payment, invoice, return…' },
  'promise.changed': { label: 'Promise changed', hint: 'made, new date, handed over, kept, broken' },
  'case.changed': { label: 'Case changed', hint: 'opened, changed, apologised for, deleted' },
};

export const eventTypes = Object.keys(eventTypeWords) as WebhookEventType[];

export const eventLabel = (type: string): string => (type === 'ping' ? 'Test' : (eventTypeWords[type as WebhookEventType]?.label ?? type));

export const statusWords: Record<DeliveryStatus, string> = { pending: 'Waiting', delivered: 'Delivered', failed: 'Failed' };
