import { AppError, requireUser, toAppError, type Identity, type Logger } from '@shop/common';
import type { RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import type { UpstreamResolver } from '../proxy/resolver';
import {
  fetchRecentOrders,
  fetchRecommendations,
  fetchUser,
  type Json,
  type PartContext,
} from './parts';

/** The parts that may fail without failing the dashboard, named as their fields. */
export type OptionalPart = 'recentOrders' | 'recommendations';

export interface Dashboard {
  readonly user: Json;
  readonly recentOrders: unknown[];
  readonly recommendations: Json[];
  readonly degraded: OptionalPart[];
}

export interface DashboardDeps {
  readonly resolver: UpstreamResolver;
  /** Deadline of each part (user, recent orders, recommendations), all fetched at once. */
  readonly partTimeoutMs: number;
  readonly log: Logger;
  readonly registry: Registry;
}

/** `GET /api/dashboard`: one answer from three services, degraded rather than failed. */
export function dashboardHandler(deps: DashboardDeps): RequestHandler {
  const degradedParts = new Counter({
    name: 'gateway_dashboard_degraded_total',
    help: 'Dashboards answered without a part, by the part that failed',
    labelNames: ['part'] as const,
    registers: [deps.registry],
  });
  return async (req, res) => {
    const dashboard = await loadDashboard(requireUser(req), deps);
    for (const part of dashboard.degraded) degradedParts.inc({ part });
    res.set('cache-control', 'private, no-store').json(dashboard);
  };
}

/**
 * Fetches the parts in parallel, each within its deadline. Without the user there is no
 * dashboard (503); a failed optional part is empty and named in `degraded`.
 */
export async function loadDashboard(identity: Identity, deps: DashboardDeps): Promise<Dashboard> {
  const ctx: PartContext = {
    identity,
    resolver: deps.resolver,
    deadline: Date.now() + deps.partTimeoutMs,
  };
  const [user, recentOrders, recommendations] = await Promise.allSettled([
    fetchUser(ctx),
    fetchRecentOrders(ctx),
    fetchRecommendations(ctx),
  ]);
  if (user.status === 'rejected') {
    const { code } = toAppError(user.reason);
    throw new AppError('dashboard_unavailable', 503, `the user part failed (${code})`, user.reason);
  }
  const degraded: OptionalPart[] = [];
  const optional = <T>(part: OptionalPart, result: PromiseSettledResult<T[]>): T[] => {
    if (result.status === 'fulfilled') return result.value;
    deps.log.warn({ part, reason: toAppError(result.reason).detail }, 'dashboard part failed');
    degraded.push(part);
    return [];
  };
  return {
    user: user.value,
    recentOrders: optional('recentOrders', recentOrders),
    recommendations: optional('recommendations', recommendations),
    degraded,
  };
}
