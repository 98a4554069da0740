import { Bar, BarChart, CartesianGrid, Legend, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { FlowReport } from '../../../shared/flow.ts';
import { TARGET_BUCKETS, TARGET_BUCKET_LABELS, type TargetBucket } from '../../../shared/values/flow.ts';

// Colours told apart by more than hue: every chart has its numbers in a table beside it too.
const AREA_COLOURS = ['#243b53', '#1d4ed8', '#b37800', '#1e6b3a', '#9b1c1c', '#6b21a8', '#0e7490', '#52606d'];
const BUCKET_COLOURS: Record<TargetBucket, string> = {
  half: '#1e6b3a', target: '#4d9b63', double: '#b37800', quadruple: '#c2410c', beyond: '#9b1c1c', unreached: '#52606d',
};

export const weekLabel = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** Pulls per week, stacked by area. */
export function PullsChart({ report }: { report: FlowReport }) {
  const data = report.all.weeks.map((week, index) => ({
    week: weekLabel(week.start),
    ...Object.fromEntries(report.areas.map((area) => [area.slug, area.weeks[index]?.total ?? 0])),
  }));
  return (
    <div className="flow-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Legend />
          {report.areas.map((area, index) => (
            <Bar key={area.slug} dataKey={area.slug} name={area.name} stackId="pulls" fill={AREA_COLOURS[index % AREA_COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** How many problems got there within half the target, the target, twice it… */
export function TargetChart({ buckets }: { buckets: Record<TargetBucket, number> }) {
  const data = TARGET_BUCKETS.map((bucket) => ({ bucket, label: TARGET_BUCKET_LABELS[bucket], count: buckets[bucket] }));
  return (
    <div className="flow-chart flow-chart--small" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={150} />
          <Bar dataKey="count" name="problems" isAnimationActive={false} shape={(props: BarShapeProps) => <Rectangle {...props} fill={BUCKET_COLOURS[TARGET_BUCKETS[props.index]]} />} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
