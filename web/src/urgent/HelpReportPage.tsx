import { useEffect, useRef, useState } from 'react';
import { urgent } from '../api/endpoints';
import type { HelpReport } from '../api/types';
import { useSession } from '../auth/session';
import { TextField } from '../ui/Field';
import { useResource } from '../ui/useResource';

const day = (d: Date) => d.toISOString().slice(0, 10);
const minutes = (n: number | null) => (n === null ? '–' : `${n} min`);

/** Time to help and time to complete, per case type and location (managers): the table first, a chart of medians and 90th percentiles beside it. */
export function HelpReportPage() {
  const { me } = useSession();
  const [from, setFrom] = useState(day(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(day(new Date(Date.now() + 86_400_000)));
  const report = useResource(
    () => (me.role === 'frontline' ? Promise.resolve(null) : urgent.report({ from: new Date(`${from}T00:00:00`).toISOString(), to: new Date(`${to}T00:00:00`).toISOString() })),
    [from, to, me.role],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    document.title = 'Time to help · Rapport';
    return () => {
      document.title = 'Rapport';
    };
  }, []);
  if (me.role === 'frontline') {
    return (
      <section className="page narrow">
        <h1>Time to help</h1>
        <p>This report is for managers.</p>
      </section>
    );
  }
  return (
    <section className="page help-report" aria-labelledby="help-report-heading">
      <h1 id="help-report-heading" ref={heading} tabIndex={-1}>
        Time to help
      </h1>
      <form className="report-period" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Opened from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} error={report.error ? 'Check the dates' : undefined} />
        <TextField label="to (not including)" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </form>
      {report.data ? <Report report={report.data} /> : <p className="hint">{report.loading ? 'Loading…' : 'The report could not be loaded.'}</p>}
    </section>
  );
}

function Report({ report }: { report: HelpReport }) {
  if (!report.rows.length) return <p className="muted">No cases were opened in this period.</p>;
  return (
    <div className="stack">
      <div className="table-scroll" role="region" aria-label="Time to help and to complete, per type and location" tabIndex={0}>
        <table className="help-report-table">
          <caption>Minutes from opening, per case type and location</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Location</th>
              <th scope="col">Cases</th>
              <th scope="col">Help: median</th>
              <th scope="col">Help: 90th pct</th>
              <th scope="col">Complete: median</th>
              <th scope="col">Complete: 90th pct</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.type}-${r.locationId ?? ''}`}>
                <th scope="row">{r.typeLabel}</th>
                <td>{r.locationName}</td>
                <td>
                  {r.cases} <span className="muted">({r.helped} helped, {r.completed} complete)</span>
                </td>
                <td>{minutes(r.helpMedian)}</td>
                <td>{minutes(r.helpP90)}</td>
                <td>{minutes(r.completeMedian)}</td>
                <td>{minutes(r.completeP90)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarChart report={report} />
      <p className="hint">{report.method}.</p>
    </div>
  );
}

/** Time to help, median and 90th percentile per row, as horizontal bars; the table above is the reading, the chart a glance (hidden from screen readers). */
function BarChart({ report }: { report: HelpReport }) {
  const rows = report.rows.filter((r) => r.helpMedian !== null);
  if (!rows.length) return null;
  const max = Math.max(...rows.map((r) => r.helpP90 ?? r.helpMedian ?? 0), 1);
  const rowHeight = 40;
  const labelWidth = 130;
  const width = 360;
  const scale = (n: number) => ((width - labelWidth - 60) * n) / max;
  return (
    <figure className="help-chart">
      <figcaption>Time to help (minutes): median (dark) and 90th percentile (light)</figcaption>
      <svg viewBox={`0 0 ${width} ${rows.length * rowHeight + 10}`} width="100%" aria-hidden="true" focusable="false">
        {rows.map((r, i) => {
          const y = i * rowHeight + 6;
          return (
            <g key={`${r.type}-${r.locationId ?? ''}`}>
              <text x={0} y={y + 14} fontSize="11">
                {`${r.typeLabel}, ${r.locationName}`.slice(0, 22)}
              </text>
              <rect x={labelWidth} y={y + 2} width={scale(r.helpP90 ?? 0)} height={14} className="bar-p90" />
              <rect x={labelWidth} y={y + 18} width={scale(r.helpMedian ?? 0)} height={14} className="bar-median" />
              <text x={labelWidth + scale(r.helpP90 ?? 0) + 4} y={y + 13} fontSize="10">
                {r.helpP90}
              </text>
              <text x={labelWidth + scale(r.helpMedian ?? 0) + 4} y={y + 29} fontSize="10">
                {r.helpMedian}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
