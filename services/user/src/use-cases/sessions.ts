import type { CredentialsInput, RegistrationInput } from '../domain/inputs';
import type { UserAccounts } from './accounts';
import type { TokenIssuer } from '../domain/tokens';
import type { User } from '../domain/user';

export interface Session {
  readonly user: Pick<User, 'id' | 'name' | 'email' | 'role'>;
  readonly token: string;
}

/** Signup and login: an account use case followed by a fresh access token. */
export class Sessions {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly tokens: TokenIssuer,
  ) {}

  async signup(input: RegistrationInput): Promise<Session> {
    return this.start(await this.accounts.register(input));
  }

  async login(input: CredentialsInput): Promise<Session> {
    return this.start(await this.accounts.authenticate(input));
  }

  private async start({ id, name, email, role }: User): Promise<Session> {
    return { user: { id, name, email, role }, token: await this.tokens.issue({ id, email, role }) };
  }
}
