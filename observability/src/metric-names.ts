import { ruleGroups } from './alerts/rules';
import { dashboardSpecs } from './addons';

/** PromQL words that look like metric names but are not. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'le',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: identifiers outside strings, label matchers,
 * ranges and grouping clauses that are not a function call, a keyword or a number.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = new Set<string>();
  for (const m of bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = m;
    if (name && !call && !KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** Every expression a dashboard panel or an alert rule evaluates, with where it is. */
export function namedExpressions(): Array<{ where: string; expr: string }> {
  const panels = dashboardSpecs.flatMap((d) =>
    d.rows.flatMap((r) =>
      r.panels.flatMap((p) =>
        p.queries.map((q) => ({ where: `${d.uid}: ${p.title}`, expr: q.expr })),
      ),
    ),
  );
  const rules = ruleGroups.flatMap((g) =>
    g.rules.map((r) => ({ where: `rule ${r.alert}`, expr: r.expr })),
  );
  return [...panels, ...rules];
}

/** Every metric the shipped dashboards and rules name, sorted. */
export function referencedMetrics(): string[] {
  return [...new Set(namedExpressions().flatMap((e) => metricNames(e.expr)))].sort();
}
