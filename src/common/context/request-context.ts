import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling: a staff user (OIDC token) or a machine client (API key). Filled by the auth guard. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string;
  /** Username for users, key prefix for API keys. */
  name: string;
  agencyId: string | null;
  roles: string[];
  /** API-key scopes such as `dossiers:write`; empty for users. */
  scopes: string[];
}

/** Per-request facts that services need without threading them through every call (audit, logging). */
export interface RequestContextStore {
  requestId: string;
  ip?: string;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  actor(): Actor | undefined {
    return storage.getStore()?.actor;
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};
