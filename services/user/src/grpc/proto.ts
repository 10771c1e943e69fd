import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** `services/user/proto/user.proto`, found from src/grpc and from dist/grpc alike. */
export const USER_PROTO_PATH = path.join(__dirname, '..', '..', 'proto', 'user.proto');

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

/** The `shop.user.v1.UserService` constructor: `.service` for servers, `new` for clients. */
export function loadUserService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(USER_PROTO_PATH, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    shop: { user: { v1: { UserService: grpc.ServiceClientConstructor } } };
  };
  return loaded.shop.user.v1.UserService;
}
