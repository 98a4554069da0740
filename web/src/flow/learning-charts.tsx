import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FlowReport } from '../../../shared/flow.ts';

// Bars per area; the tables beside them carry the same numbers for anyone who cannot see a chart.

function AreaBars({ data, name, colour, max, unit }: { data: Array<{ area: string; value: number }>; name: string; colour: string; max?: number; unit?: string }) {
  return (
    <div className="flow-chart flow-chart--small" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} domain={max === undefined ? undefined : [0, max]} unit={unit} />
          <YAxis type="category" dataKey="area" width={120} />
          <Tooltip />
          <Bar dataKey="value" name={name} fill={colour} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Problems that recurred, per area where they recurred. */
export function RecurrenceChart({ report }: { report: FlowReport }) {
  return <AreaBars name="recurred" colour="#9b1c1c" data={report.areas.map((a) => ({ area: a.name, value: a.recurrence.problems }))} />;
}

/** The share of each area's members who acknowledged its learnings, in percent. */
export function SpreadChart({ report }: { report: FlowReport }) {
  const data = report.areas.map((a) => ({ area: a.name, value: a.spread.share === null ? 0 : Math.round(a.spread.share * 100) }));
  return <AreaBars name="acknowledged" colour="#1e6b3a" data={data} max={100} unit="%" />;
}
