import { JWKS_PATH } from '@shop/topology';
import { Router } from 'express';
import type { TokenIssuer } from '../domain/tokens';

export const JWKS_MAX_AGE_SECONDS = 300;

/** The public keys the gateway (and Istio's RequestAuthentication) verify tokens with. */
export function jwksRoutes(tokens: TokenIssuer): Router {
  const router = Router();
  router.get(JWKS_PATH, (_req, res) => {
    res.set('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`).json(tokens.jwks());
  });
  return router;
}
