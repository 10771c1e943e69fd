import { requireUser } from '@shop/common';
import { Router } from 'express';
import type { UserAccounts } from '../use-cases/accounts';

export function userRoutes(accounts: UserAccounts): Router {
  const router = Router();
  router.get('/api/users/me', async (req, res) => {
    const { userId } = requireUser(req);
    res.set('Cache-Control', 'private, no-store').json(await accounts.getUser(userId));
  });
  return router;
}
