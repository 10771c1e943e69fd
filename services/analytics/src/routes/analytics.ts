import { parseInput, requireAdmin, requireUser, type Pool } from '@shop/common';
import { Router } from 'express';
import { recommendationQuery, recommendationSubject } from '../domain/recommendation';
import { readSummary } from '../store/aggregates-store';
import { recommendProducts } from '../store/recommendation-store';

export function analyticsRoutes(pool: Pool): Router {
  const router = Router();

  router.get('/api/analytics/summary', async (req, res) => {
    requireAdmin(req);
    res.json(await readSummary(pool));
  });

  router.get('/api/analytics/recommendations', async (req, res) => {
    const caller = requireUser(req);
    const query = parseInput(recommendationQuery, req.query, 'query');
    const userId = recommendationSubject(caller, query.userId);
    res.json({ items: await recommendProducts(pool, userId, query.limit) });
  });

  return router;
}
