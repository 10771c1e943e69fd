import * as grpc from '@grpc/grpc-js';
import { contextFromHeaders, parseInput, runWithContext, type Logger } from '@shop/common';
import type { UserAccounts } from '../use-cases/accounts';
import { listUsersInput, registrationInput, userIdInput } from '../domain/inputs';
import type { User } from '../domain/user';
import {
  loadUserService,
  type CreateUserRequest,
  type GetUserRequest,
  type ListUsersRequest,
  type ListUsersResponse,
  type UserMessage,
} from '@shop/user-contract';
import { toServiceError } from './status';

/** Requests are a few hundred bytes; refuse anything much larger before parsing it. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** The `shop.user.v1.UserService` server over the same use cases as the HTTP API. */
export function createGrpcServer(accounts: UserAccounts, log: Logger): grpc.Server {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES });
  server.addService(loadUserService().service, {
    GetUser: unary<GetUserRequest, UserMessage>(log, async (req) => {
      const { id } = parseInput(userIdInput, req, 'request');
      return toMessage(await accounts.getUser(id));
    }),
    CreateUser: unary<CreateUserRequest, UserMessage>(log, async (req) =>
      toMessage(await accounts.register(parseInput(registrationInput, req, 'request'))),
    ),
    ListUsers: unary<ListUsersRequest, ListUsersResponse>(log, async (req) => {
      const page = await accounts.listUsers(parseInput(listUsersInput, req, 'request'));
      return { users: page.users.map(toMessage), nextPageToken: page.nextPageToken };
    }),
  });
  return server;
}

/** Binds `0.0.0.0:port` (0 picks a free one) and resolves with the bound port. */
export function listenGrpc(server: grpc.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`0.0.0.0:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
}

/** Refuses new calls and lets calls in flight finish; cuts the rest after `graceMs`. */
export function stopGrpc(server: grpc.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs a handler in a request context built from the call metadata (trace headers). */
function unary<Req, Res>(
  log: Logger,
  handle: (request: Req) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const context = contextFromHeaders(call.metadata.getMap());
    runWithContext(context, () => {
      handle(call.request).then(
        (response) => callback(null, response),
        (err: unknown) => callback(toServiceError(err, log)),
      );
    });
  };
}

function toMessage(user: User): UserMessage {
  return { ...user };
}
