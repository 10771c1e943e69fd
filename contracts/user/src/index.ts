import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';

/** `contracts/user/proto/user.proto`, found from src and from dist alike. */
export const USER_PROTO_PATH = path.join(__dirname, '..', 'proto', 'user.proto');

/** Messages as proto-loader hands them over (camelCase fields, defaults filled in). */
export interface UserMessage {
  id: string;
  name: string;
  email: string;
  role: string;
  createdAt: string;
}
export interface GetUserRequest {
  id: string;
}
export interface CreateUserRequest {
  name: string;
  email: string;
  password: string;
}
export interface ListUsersRequest {
  pageSize: number;
  pageToken: string;
}
export interface ListUsersResponse {
  users: UserMessage[];
  nextPageToken: string;
}

/**
 * The `shop.user.v1.UserService` constructor: `.service` for servers, `new` for clients. gRPC
 * is loaded by the first call, not on import: a client that seldom calls spares its memory.
 */
export function loadUserService(): grpc.ServiceClientConstructor {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const grpcJs = require('@grpc/grpc-js') as typeof grpc;
  const protoLoader = require('@grpc/proto-loader') as typeof import('@grpc/proto-loader');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const definition = protoLoader.loadSync(USER_PROTO_PATH, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const loaded = grpcJs.loadPackageDefinition(definition) as unknown as {
    shop: { user: { v1: { UserService: grpc.ServiceClientConstructor } } };
  };
  return loaded.shop.user.v1.UserService;
}
