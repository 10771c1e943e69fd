import { requireUser, type Pool } from '@shop/common';
import { Router } from 'express';
import { listForUser } from '../store/notification-store';

/** The most a caller gets back: their latest notifications. */
export const NOTIFICATION_LIST_LIMIT = 50;

export function notificationRoutes(pool: Pool): Router {
  const router = Router();

  router.get('/api/notifications', async (req, res) => {
    const { userId } = requireUser(req);
    res.json({ items: await listForUser(pool, userId, NOTIFICATION_LIST_LIMIT) });
  });

  return router;
}
