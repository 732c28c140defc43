// Where the local identity provider keeps its sessions, interactions, codes and tokens: in
// memory, on purpose (a restart signs everybody out of the test provider, nothing else). Our own
// small store rather than oidc-provider's built-in one, which warns on every start that it is
// for quick starts only and keeps just its last 1000 entries.

interface Stored {
  payload: Record<string, unknown>;
  expiresAt: number;
}

const stores = new Map<string, Map<string, Stored>>();

function now(): number {
  return Date.now();
}

/** One instance per oidc-provider model (Session, Interaction, AccessToken, …). */
export class MemoryAdapter {
  readonly #entries: Map<string, Stored>;

  constructor(model: string) {
    let entries = stores.get(model);
    if (!entries) {
      entries = new Map();
      stores.set(model, entries);
    }
    this.#entries = entries;
  }

  #live(id: string): Stored | undefined {
    const entry = this.#entries.get(id);
    if (entry && entry.expiresAt <= now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  #sweep(): void {
    const time = now();
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= time) this.#entries.delete(id);
  }

  upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
    if (this.#entries.size > 10_000) this.#sweep();
    this.#entries.set(id, { payload, expiresAt: now() + (expiresIn || 14 * 24 * 3600) * 1000 });
    return Promise.resolve();
  }

  find(id: string): Promise<Record<string, unknown> | undefined> {
    return Promise.resolve(this.#live(id)?.payload);
  }

  findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    return this.#findBy('uid', uid);
  }

  findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
    return this.#findBy('userCode', userCode);
  }

  #findBy(field: string, value: string): Promise<Record<string, unknown> | undefined> {
    for (const [id, entry] of this.#entries) {
      if (entry.payload[field] === value) return Promise.resolve(this.#live(id)?.payload);
    }
    return Promise.resolve(undefined);
  }

  consume(id: string): Promise<void> {
    const entry = this.#live(id);
    if (entry) entry.payload.consumed = Math.floor(now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.#entries.delete(id);
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    // Tokens and codes of a revoked grant, in every model.
    for (const entries of stores.values()) {
      for (const [id, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(id);
    }
    return Promise.resolve();
  }
}
