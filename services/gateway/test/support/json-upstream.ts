import express, { type Request } from 'express';
import { listenOnFreePort, type TestServer } from '@shop/common/testing';
import type { SeenRequest } from './servers';

export interface JsonAnswer {
  readonly status?: number;
  readonly body: unknown;
}

export interface JsonUpstream extends TestServer {
  /** Every request that reached it, in order. */
  readonly seen: SeenRequest[];
}

/** A stand-in service answering GETs with JSON from `answer` (200 unless it says otherwise). */
export async function startJsonUpstream(
  answer: (req: Request) => JsonAnswer,
): Promise<JsonUpstream> {
  const seen: SeenRequest[] = [];
  const app = express();
  app.get('/{*path}', (req, res) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: undefined });
    const { status = 200, body } = answer(req);
    res.status(status).json(body);
  });
  return { ...(await listenOnFreePort(app)), seen };
}
