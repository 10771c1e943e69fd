import { parseInput } from '@shop/common';
import { Router } from 'express';
import { credentialsInput, registrationInput } from '../domain/inputs';
import type { Sessions } from '../domain/sessions';

export function authRoutes(sessions: Sessions): Router {
  const router = Router();
  router.post('/api/auth/signup', async (req, res) => {
    const session = await sessions.signup(parseInput(registrationInput, req.body));
    res.status(201).json(session);
  });
  router.post('/api/auth/login', async (req, res) => {
    const { user, token } = await sessions.login(parseInput(credentialsInput, req.body));
    res.json({ token, user });
  });
  return router;
}
