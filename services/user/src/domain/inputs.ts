import { z } from 'zod';

/** Emails compare case-insensitively, so they are trimmed and lower-cased on the way in. */
const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());
const password = z.string().min(8, 'must be at least 8 characters').max(256);

/** Signup over HTTP and CreateUser over gRPC take the same fields. */
export const registrationInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email,
  password,
});
export type RegistrationInput = z.infer<typeof registrationInput>;

/** Login checks only sizes: a malformed email simply matches no account. */
export const credentialsInput = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(256),
});
export type CredentialsInput = z.infer<typeof credentialsInput>;

export const userIdInput = z.object({ id: z.uuid() });

export const listUsersInput = z.object({
  pageSize: z.number().int().min(0).max(100),
  pageToken: z.string().max(200),
});
export type ListUsersInput = z.infer<typeof listUsersInput>;
