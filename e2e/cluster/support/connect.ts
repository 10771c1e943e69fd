import { expectStatus, ShopClient } from '../../support/shop-api';
import { devCredential, forwardGateway, NAMESPACE, type GatewayForward } from './kube';

/** A port-forward to a shop's gateway Service and its admin, logged in with the dev credentials. */
export interface ShopConnection {
  readonly gateway: GatewayForward;
  readonly admin: ShopClient;
}

export async function connectToShop(namespace = NAMESPACE): Promise<ShopConnection> {
  const gateway = await forwardGateway(namespace);
  const res = await new ShopClient(gateway.url).request('POST', '/api/auth/login', {
    email: await devCredential('admin-email', namespace),
    password: await devCredential('admin-password', namespace),
  });
  const body = expectStatus<{ token: string; user: { id: string } }>(res, 200);
  return { gateway, admin: new ShopClient(gateway.url, body.token, body.user.id) };
}
