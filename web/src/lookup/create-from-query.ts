/** What the lookup box can create a customer from: the text is a phone number, an email, or a name. */

export type Typed = { kind: 'phone'; value: string } | { kind: 'email'; value: string } | { kind: 'name'; value: string };

export function readTyped(text: string): Typed {
  const value = text.trim().replace(/\s+/g, ' ');
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: 'email', value };
  if (/^\+?[\d\s().\-/]+$/.test(value) && value.replace(/\D/g, '').length >= 5) return { kind: 'phone', value };
  return { kind: 'name', value };
}

export function newCustomerBody(typed: Typed): Record<string, unknown> {
  switch (typed.kind) {
    case 'phone':
      return { phones: [{ number: typed.value, primary: true }] };
    case 'email':
      return { emails: [{ address: typed.value, primary: true }] };
    case 'name':
      return { displayName: typed.value };
  }
}

export const typedWords: Record<Typed['kind'], string> = {
  phone: 'with this phone number',
  email: 'with this email',
  name: 'with this name',
};
