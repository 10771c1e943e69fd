// The real user service (HTTP signup, gRPC GetUser, user.registered) started in this process.
export {
  newAccount,
  startTestUserService,
  type TestUserService,
} from '../../../user/test/support/user-service';
import { newAccount, type TestUserService } from '../../../user/test/support/user-service';

export interface SignedUp {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** Signs a new customer up through the user service's HTTP API. */
export async function signUp(users: TestUserService): Promise<SignedUp> {
  const response = await users.post('/api/auth/signup', newAccount());
  if (response.status !== 201) throw new Error(`signup answered ${response.status}`);
  const { user } = (await response.json()) as { user: SignedUp };
  return user;
}
