import { useLocation } from '../router';
import { HandoffForm } from './HandoffForm';
import { HandoffsPage } from './HandoffsPage';
import { ShiftPage } from './ShiftPage';

/** /handoffs (yours), /handoffs/new (write one; ?customer= starts with a customer), /handoffs/shift (managers). */
export function HandoffsRoute() {
  const { pathname, searchParams } = useLocation();
  if (pathname === '/handoffs/new') return <HandoffForm key={searchParams.get('customer') ?? ''} startWith={searchParams.get('customer')} />;
  if (pathname === '/handoffs/shift') return <ShiftPage />;
  return <HandoffsPage />;
}

export const isHandoffsPath = (pathname: string) => pathname === '/handoffs' || pathname === '/handoffs/new' || pathname === '/handoffs/shift';
