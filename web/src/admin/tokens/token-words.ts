import type { ApiToken } from '../../api/types';

export const scopes = [
  { value: 'read', label: 'Read only', hint: 'may look things up, never change them' },
  { value: 'read_write', label: 'Read and write', hint: 'may also change what the account it acts as may change' },
] as const;

export const scopeLabel = (scope: ApiToken['scope']) => scopes.find((s) => s.value === scope)?.label ?? scope;

/** "Earl Hutchins", "POS sync (integration)", "you". */
export const actsAs = (token: ApiToken, myId: string) => (token.staffId === myId ? `You (${token.staffName})` : token.staffKind === 'integration' ? `${token.staffName} (integration)` : token.staffName);
