import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import {
  LegendDisplayMode,
  LegendPlacement,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type Dashboard,
  type Panel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

/** Every panel queries the Prometheus the dashboard's `datasource` variable picks. */
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** One PromQL query of a panel and its legend (`{{label}}` placeholders). */
export interface Query {
  readonly expr: string;
  readonly legend?: string;
}

/** A panel as the dashboards declare it: a title, a unit, its queries. */
export interface PanelSpec {
  readonly title: string;
  readonly description?: string;
  readonly unit: string;
  readonly queries: readonly Query[];
  /** A stat (one number, red from `redAt`) instead of a time series. */
  readonly stat?: { readonly redAt: number };
  /** Width in grid columns (24 is the full width). @default 12 */
  readonly span?: number;
}

/** A titled group of panels. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly rows: readonly RowSpec[];
}

function target(query: Query, index: number): DataqueryBuilder {
  return new DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(query.expr)
    .legendFormat(query.legend ?? '__auto');
}

function panel(spec: PanelSpec): Builder<Panel> {
  const builder = spec.stat ? statPanel(spec.stat.redAt) : timeseriesPanel();
  builder
    .title(spec.title)
    .description(spec.description ?? '')
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .targets(spec.queries.map(target))
    .height(8)
    .span(spec.span ?? 12);
  return builder;
}

function timeseriesPanel(): TimeseriesBuilder {
  const legend = new VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(LegendDisplayMode.List)
    .placement(LegendPlacement.Bottom);
  return new TimeseriesBuilder().fillOpacity(10).min(0).legend(legend);
}

function statPanel(redAt: number): StatBuilder {
  const steps = [
    { value: null, color: 'green' },
    { value: redAt, color: 'red' },
  ];
  return new StatBuilder().thresholds(
    new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps),
  );
}

/** The Grafana dashboard model (schema v1 JSON) of `spec`. */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([...spec.tags])
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .withVariable(
      new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'),
    );
  for (const row of spec.rows) {
    builder.withRow(new RowBuilder(row.title));
    for (const p of row.panels) builder.withPanel(panel(p));
  }
  const dashboard = builder.build();
  // Grafana links and shares panels by id: number them in layout order.
  dashboard.panels?.forEach((p, i) => (p.id = i + 1));
  return dashboard;
}
