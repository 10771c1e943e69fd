import type * as grpc from '@grpc/grpc-js';
import { ContractError, currentContext } from '@shop/common';
import { loadUserService } from '@shop/user-contract';

/** Who an email goes to. */
export interface Recipient {
  readonly name: string;
  readonly email: string;
}

/** Looks users up by id; undefined when the user does not exist (any more). */
export interface UserDirectory {
  findUser(id: string): Promise<Recipient | undefined>;
  close(): void;
}

/** The user service did not answer in time or could not be reached: worth retrying later. */
export class UserServiceUnavailableError extends Error {
  /** The gRPC status name, e.g. `DEADLINE_EXCEEDED`. */
  readonly status: string;

  constructor(status: string, detail: string) {
    super(`user service: ${status}: ${detail}`);
    this.name = 'UserServiceUnavailableError';
    this.status = status;
  }
}

type GetUser = (
  request: { id: string },
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, user?: { name: string; email: string }) => void,
) => void;

/**
 * `shop.user.v1.UserService/GetUser` over gRPC (plaintext: in the cluster the sidecar adds
 * mTLS). Every call carries a deadline and the trace headers of the message being handled.
 * gRPC is loaded, and the client made, at the first call: with the recipients table in front
 * most processes never make one (about 10 MB of resident memory spared).
 */
export function grpcUserDirectory(options: { address: string; timeoutMs: number }): UserDirectory {
  let connected: { grpc: typeof grpc; client: grpc.Client; getUser: GetUser } | undefined;
  const connect = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpcJs = require('@grpc/grpc-js') as typeof grpc;
    const client = new (loadUserService())(
      options.address,
      grpcJs.credentials.createInsecure(),
      // Back within seconds once the user service is reachable again (grpc-js waits up to 2 min).
      { 'grpc.max_reconnect_backoff_ms': 5000 },
    );
    return { grpc: grpcJs, client, getUser: (client['GetUser'] as GetUser).bind(client) };
  };
  return {
    findUser: (id) =>
      new Promise((resolve, reject) => {
        connected ??= connect();
        const { grpc: grpcJs, getUser } = connected;
        const deadline = Date.now() + options.timeoutMs;
        getUser({ id }, traceMetadata(grpcJs), { deadline }, (err, user) => {
          if (!err && user) return resolve({ name: user.name, email: user.email });
          if (err?.code === grpcJs.status.NOT_FOUND) return resolve(undefined);
          reject(lookupFailure(grpcJs, id, err));
        });
      }),
    close: () => connected?.client.close(),
  };
}

/** A malformed id never gets better (dead-letter it at once); anything else may (retry). */
function lookupFailure(grpcJs: typeof grpc, id: string, err: grpc.ServiceError | null): Error {
  if (err?.code === grpcJs.status.INVALID_ARGUMENT) {
    return new ContractError(`user id ${JSON.stringify(id)} refused: ${err.details}`);
  }
  const code = err?.code ?? grpcJs.status.UNKNOWN;
  return new UserServiceUnavailableError(
    grpcJs.status[code] ?? String(code),
    err?.details ?? 'empty response',
  );
}

function traceMetadata(grpcJs: typeof grpc): grpc.Metadata {
  const metadata = new grpcJs.Metadata();
  for (const [name, value] of Object.entries(currentContext()?.propagation ?? {})) {
    metadata.set(name, value);
  }
  return metadata;
}
