import { z } from 'zod';
import { AppError, fieldProblems } from './errors';

/** Parses untrusted input; a mismatch is a 400 listing each field problem. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'body',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw AppError.badRequest(`invalid ${what}`, fieldProblems(result.error));
}
