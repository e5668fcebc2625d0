import type { IncomingCall } from '../api/types';
import { customerPath } from '../router';
import { urgentPath } from '../urgent/urgent-words';

/** What a ringing call's pop-over says, and where its action goes: the caller's brief, or the help-first intake. */

const dash = '–';

/** "Incoming call: Jim Alvarez – +1 217 555 0142", "Unknown caller +1 217 555 0199", "Unknown caller (number withheld)". */
export function callHeadline(call: IncomingCall): string {
  if (call.customer) return `Incoming call: ${call.customer.name} ${dash} ${call.number ?? 'number withheld'}`;
  if (call.candidates?.length) return `Incoming call: ${call.number ?? 'number withheld'} ${dash} ${call.candidates.length} customers have this number`;
  return `Unknown caller ${call.number ?? '(number withheld)'}`;
}

/** Where the pop-over's action goes: the customer's page (their brief), or the urgent intake with the number filled in. */
export const callTarget = (call: IncomingCall): string => (call.customer ? customerPath(call.customer.id) : urgentPath(call.number ?? ''));

/** Who the dismiss button names. */
export const callerName = (call: IncomingCall): string => call.customer?.name ?? call.number ?? 'a withheld number';
