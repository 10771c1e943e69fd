import { status as Status, Metadata, type ServiceError } from '@grpc/grpc-js';
import { toAppError, type Logger } from '@shop/common';

const STATUS_BY_HTTP: Record<number, Status> = {
  400: Status.INVALID_ARGUMENT,
  401: Status.UNAUTHENTICATED,
  403: Status.PERMISSION_DENIED,
  404: Status.NOT_FOUND,
  409: Status.ALREADY_EXISTS,
  413: Status.INVALID_ARGUMENT,
};

/** The one error model, spoken in gRPC: an AppError's HTTP status picks the status code. */
export function toServiceError(err: unknown, log: Logger): Partial<ServiceError> {
  const appError = toAppError(err);
  const code = STATUS_BY_HTTP[appError.status] ?? Status.INTERNAL;
  if (code === Status.INTERNAL) log.error({ err: appError.cause ?? err }, 'grpc call failed');
  const fields = appError.errors?.map((e) => `${e.field}: ${e.message}`) ?? [];
  const metadata = new Metadata();
  metadata.set('problem-code', appError.code);
  return {
    code,
    details: [appError.detail, ...fields].join('; '),
    metadata,
  };
}
