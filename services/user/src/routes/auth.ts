import { parseInput } from '@shop/common';
import { Router } from 'express';
import { credentialsInput, registrationInput } from '../domain/inputs';
import type { Sessions } from '../use-cases/sessions';

/** Token responses are never cached (RFC 6749 section 5.1). */
export function authRoutes(sessions: Sessions): Router {
  const router = Router();
  router.post('/api/auth/signup', async (req, res) => {
    const session = await sessions.signup(parseInput(registrationInput, req.body));
    res.status(201).set('Cache-Control', 'no-store').json(session);
  });
  router.post('/api/auth/login', async (req, res) => {
    const { user, token } = await sessions.login(parseInput(credentialsInput, req.body));
    res.set('Cache-Control', 'no-store').json({ token, user });
  });
  return router;
}
