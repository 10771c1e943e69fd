import { AppError, requireAdmin, type Pool } from '@shop/common';
import { Router } from 'express';
import { orderIdParam } from '../domain/payment';
import { findPayment } from '../store/payment-store';

/** Internal/admin reads; payments change only through the saga's messages. */
export function paymentRoutes(pool: Pool): Router {
  const router = Router();

  router.get('/api/payments/:orderId', async (req, res) => {
    requireAdmin(req);
    const orderId = orderIdParam.safeParse(req.params.orderId);
    const payment = orderId.success ? await findPayment(pool, orderId.data) : undefined;
    if (!payment) throw AppError.notFound(`no payment for order ${String(req.params.orderId)}`);
    res.json(payment);
  });

  return router;
}
