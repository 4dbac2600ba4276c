import type { Credentials, CredentialVault } from '../../../functions/connectors/credentials';

/** The vault interface over a Map: the contract tests' stand-in for the encrypted file vault. */
export class MemoryVault implements CredentialVault {
  readonly entries = new Map<string, Credentials>();
  async get(accountId: string): Promise<Credentials | undefined> {
    return this.entries.get(accountId);
  }
  async put(accountId: string, credentials: Credentials): Promise<void> {
    this.entries.set(accountId, { ...credentials });
  }
  async remove(accountId: string): Promise<void> {
    this.entries.delete(accountId);
  }
}
