import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from './logger';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A failure with an HTTP meaning. `code` is a stable machine name, e.g. `email_taken`. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    override readonly cause?: unknown,
    readonly errors?: readonly FieldProblem[],
  ) {
    super(detail);
    this.name = 'AppError';
  }

  static badRequest(detail: string, errors?: readonly FieldProblem[]): AppError {
    return new AppError('bad_request', 400, detail, undefined, errors);
  }
  static unauthorized(detail = 'authentication required'): AppError {
    return new AppError('unauthorized', 401, detail);
  }
  static forbidden(detail = 'not allowed'): AppError {
    return new AppError('forbidden', 403, detail);
  }
  static notFound(detail = 'not found'): AppError {
    return new AppError('not_found', 404, detail);
  }
  static conflict(code: string, detail: string): AppError {
    return new AppError(code, 409, detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** RFC 9457 body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: readonly FieldProblem[];
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: readonly FieldProblem[],
): Problem {
  return {
    type: `https://shop.local/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
}

/** Maps anything thrown to an AppError; unknown errors become 500s (and are logged). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return AppError.badRequest('invalid input', fieldProblems(err));
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  const status = e.status ?? e.statusCode;
  if (e.type === 'entity.too.large') {
    return new AppError('too_large', 413, 'request body too large');
  }
  if (e.type === 'entity.parse.failed') {
    return new AppError('malformed_json', 400, 'request body is not valid JSON');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', status, e.message ?? 'bad request');
  }
  return new AppError('internal', 500, 'internal error', err);
}

export function sendProblem(
  res: Parameters<RequestHandler>[1],
  err: AppError,
  headers: Record<string, string> = {},
): void {
  res
    .status(err.status)
    .set(headers)
    .type('application/problem+json')
    .send(JSON.stringify(problem(err.status, err.code, err.detail, err.errors)));
}

/** The one error middleware: every failure leaves as problem+json. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    if (appError.status >= 500) {
      log.error({ err: appError.cause ?? err, path: req.path }, 'request failed');
    }
    sendProblem(res, appError);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(AppError.notFound(`no route for ${req.method} ${req.path}`));
};
