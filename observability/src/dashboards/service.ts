import type { ServiceSpec } from '@shop/topology';
import type { DashboardSpec, RowSpec } from '../panels';
import { DASHBOARD_WINDOW as W, events, http, runtime } from '../signals';
import { businessPanels } from './business-panels';

/** One service's dashboard: RED by route, its own counters, its events, its process. */
export function serviceDashboard(spec: ServiceSpec): DashboardSpec {
  const name = spec.name;
  const rows: RowSpec[] = [
    {
      title: 'Requests by route (RED)',
      panels: [
        {
          title: 'Request rate',
          unit: 'reqps',
          span: 8,
          queries: [
            { expr: http.requestRate(W, name, 'method, route'), legend: '{{method}} {{route}}' },
          ],
        },
        {
          title: 'Error ratio (5xx)',
          unit: 'percentunit',
          span: 8,
          queries: [
            { expr: http.errorRatio(W, name, 'method, route'), legend: '{{method}} {{route}}' },
          ],
        },
        {
          title: 'Duration p99',
          unit: 's',
          span: 8,
          queries: [
            { expr: http.quantile(0.99, W, name, 'method, route'), legend: '{{method}} {{route}}' },
          ],
        },
      ],
    },
  ];
  const business = businessPanels[name];
  if (business) rows.push({ title: `What ${name} decides`, panels: business });
  const eventPanels = eventRow(spec);
  if (eventPanels) rows.push(eventPanels);
  rows.push(processRow(name));
  return {
    uid: `shop-${name}`,
    title: `Shop / ${name}`,
    description: `The ${name} service: requests, its own counters, events and process`,
    tags: ['shop', name],
    rows,
  };
}

function eventRow(spec: ServiceSpec): RowSpec | undefined {
  const panels = [];
  if (spec.publishes.length > 0) {
    panels.push({
      title: 'Outbox backlog',
      unit: 'short',
      queries: [{ expr: events.outboxBacklog(spec.name), legend: 'pending' }],
    });
  }
  if (spec.consumes.length > 0) {
    panels.push({
      title: 'Consumer queues: ready, retrying, dead-lettered',
      unit: 'short',
      queries: (['ready', 'retry', 'dlq'] as const).map((kind) => ({
        expr: events.queueMessages(kind, spec.name),
        legend: `{{queue}} ${kind}`,
      })),
    });
  }
  return panels.length > 0 ? { title: 'Events', panels } : undefined;
}

function processRow(name: string): RowSpec {
  return {
    title: 'Process',
    panels: [
      {
        title: 'CPU',
        unit: 'percentunit',
        span: 8,
        queries: [{ expr: runtime.cpu(W, name), legend: '{{pod}}' }],
      },
      {
        title: 'Resident memory',
        unit: 'bytes',
        span: 8,
        queries: [{ expr: runtime.memory(name), legend: '{{pod}}' }],
      },
      {
        title: 'Event loop lag p99',
        unit: 's',
        span: 8,
        queries: [{ expr: runtime.eventLoopLag(name), legend: '{{pod}}' }],
      },
    ],
  };
}
