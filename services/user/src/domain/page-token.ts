import { AppError } from '@shop/common';
import { z } from 'zod';
import type { UserCursor } from '../store/user-store';

const cursorSchema = z.object({ createdAt: z.iso.datetime({ offset: true }), id: z.uuid() });

/** Page tokens are opaque to clients: base64url JSON of where the previous page ended. */
export function encodePageToken(cursor: UserCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodePageToken(token: string): UserCursor {
  const parsed = cursorSchema.safeParse(parseJson(Buffer.from(token, 'base64url').toString()));
  if (!parsed.success) {
    throw AppError.badRequest('invalid page token', [
      { field: 'pageToken', message: 'not a token from a previous page' },
    ]);
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
