import * as grpc from '@grpc/grpc-js';
import {
  loadUserService,
  type CreateUserRequest,
  type ListUsersRequest,
  type ListUsersResponse,
  type UserMessage,
} from '@shop/user-contract';

type Call<Req, Res> = (request: Req) => Promise<Res>;

export interface UserServiceClient {
  getUser: Call<{ id: string }, UserMessage>;
  createUser: Call<CreateUserRequest, UserMessage>;
  listUsers: Call<Partial<ListUsersRequest>, ListUsersResponse>;
  close(): void;
}

/** A real grpc-js client of `shop.user.v1.UserService`; every call has a 5 s deadline. */
export function userServiceClient(address: string): UserServiceClient {
  const UserService = loadUserService();
  const client = new UserService(address, grpc.credentials.createInsecure());
  const call =
    <Req, Res>(method: string): Call<Req, Res> =>
    (request) =>
      new Promise((resolve, reject) => {
        const rpc = client[method] as (
          req: Req,
          options: grpc.CallOptions,
          callback: (err: grpc.ServiceError | null, res: Res) => void,
        ) => void;
        rpc.call(client, request, { deadline: Date.now() + 5000 }, (err, res) =>
          err ? reject(err) : resolve(res),
        );
      });
  return {
    getUser: call('GetUser'),
    createUser: call('CreateUser'),
    listUsers: call('ListUsers'),
    close: () => client.close(),
  };
}
