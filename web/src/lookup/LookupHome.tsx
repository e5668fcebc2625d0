import { LookupBox } from './LookupBox';
import { RecentCustomers } from './RecentCustomers';
import { shortcutLabel } from '../ui/shortcut';
import { TodayPanel } from '../today/TodayPanel';

/** Home: one search box, focused on load; Today beside it at desktop width, below it on a phone. */
export function LookupHome() {
  return (
    <div className="home">
      <section className="page lookup-home" aria-labelledby="home-title">
        <h1 id="home-title">Who is in front of you?</h1>
        <LookupBox />
        <RecentCustomers />
        <p className="hint shortcut-hint">
          Press <kbd>{shortcutLabel}</kbd> on any screen to look someone up.
        </p>
      </section>
      <TodayPanel />
    </div>
  );
}
