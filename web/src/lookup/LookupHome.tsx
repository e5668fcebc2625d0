import { LookupBox } from './LookupBox';
import { RecentCustomers } from './RecentCustomers';
import { shortcutLabel } from '../ui/shortcut';

/** Home: one search box, focused on load. */
export function LookupHome() {
  return (
    <section className="page lookup-home" aria-labelledby="home-title">
      <h1 id="home-title">Who is in front of you?</h1>
      <LookupBox />
      <RecentCustomers />
      <p className="hint shortcut-hint">
        Press <kbd>{shortcutLabel}</kbd> on any screen to look someone up.
      </p>
    </section>
  );
}
