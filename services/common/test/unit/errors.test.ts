import { z } from 'zod';
import { AppError, problem, toAppError } from '../../src';

describe('toAppError', () => {
  test('an AppError keeps its status and code', () => {
    expect(toAppError(AppError.conflict('email_taken', 'taken'))).toMatchObject({
      status: 409,
      code: 'email_taken',
    });
  });

  test('a zod error is a 400 listing each field', () => {
    const result = z.object({ name: z.string(), age: z.number() }).safeParse({ age: 'x' });
    const err = toAppError(result.error);
    expect(err.status).toBe(400);
    expect(err.errors?.map((e) => e.field).sort()).toEqual(['age', 'name']);
  });

  test('body-parser failures are client errors, not 500s', () => {
    expect(toAppError({ type: 'entity.parse.failed', status: 400 }).status).toBe(400);
    expect(toAppError({ type: 'entity.too.large', status: 413 }).status).toBe(413);
  });

  test('anything unknown is a 500 that hides its message', () => {
    const err = toAppError(new Error('connection string with secrets'));
    expect(err.status).toBe(500);
    expect(err.detail).toBe('internal error');
  });
});

describe('problem', () => {
  test('is an RFC 9457 body', () => {
    expect(problem(404, 'not_found', 'no such product')).toEqual({
      type: 'https://shop.local/problems/not_found',
      title: 'Not Found',
      status: 404,
      detail: 'no such product',
    });
  });
});
