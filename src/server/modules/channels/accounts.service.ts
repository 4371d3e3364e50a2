import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { type AddressRange, internalEndpointRefusal } from '../../lib/outbound-guard.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './accounts.repo.js';
import type { Network } from './schema.js';

/** An account as an adapter uses it: settings and the opened credentials. */
export interface OpenAccount {
  id: string;
  agencyId: string;
  network: Network;
  title: string;
  /** A disabled account keeps its settings but takes in nothing: its webhooks are refused. */
  enabled: boolean;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

/** What each network's adapter declares: which fields it needs and how to check a connection. */
export interface NetworkAdapter {
  settings: readonly string[];
  /** The settings that name where the node connects (a URL or a host), checked against SSRF. */
  endpoints?: readonly string[];
  secrets: readonly string[];
  /** Calls the network with the account's credentials; throws with a Russian reason on failure. */
  check(account: OpenAccount): Promise<void>;
  /** Why this account cannot publish to its page (in Russian), or null; absent: it always can. */
  postingRefusal?(account: OpenAccount): string | null;
}

export interface AccountInput {
  network: Network;
  title: string;
  enabled?: boolean;
  settings?: Record<string, string>;
  /** Only the credentials being set or replaced; omitted ones keep their stored value. */
  secrets?: Record<string, string>;
}

const UNREADABLE_SECRETS =
  'Учётные данные не расшифровываются: они сохранены с другим ключом SECRETS_KEY. Введите их заново';

const notFound = () => new NotFound('channel_account_not_found', 'Подключение канала не найдено');

/** Describes an account to staff: which credentials are set, never their values. */
function describe(row: repo.AccountRow, secretNames: string[]) {
  return {
    id: row.id,
    network: row.network,
    title: row.title,
    enabled: row.enabled,
    settings: row.settings,
    secretsSet: secretNames,
    health: {
      checkedAt: row.lastCheckedAt?.toISOString() ?? null,
      okAt: row.lastOkAt?.toISOString() ?? null,
      error: row.lastError,
    },
  };
}

export function createChannelAccounts(deps: {
  db: Db;
  audit: AuditService;
  box: SecretBox;
  /** Internal ranges the operator lets channel endpoints point into (CHANNEL_PRIVATE_NETWORKS). */
  privateNetworks: readonly AddressRange[];
}) {
  const { db, audit, box, privateNetworks } = deps;
  const adapters = new Map<Network, NetworkAdapter>();

  const open = (row: repo.AccountRow): OpenAccount => ({
    id: row.id,
    agencyId: row.agencyId,
    network: row.network,
    title: row.title,
    enabled: row.enabled,
    settings: row.settings,
    secrets: row.sealedSecrets ? (JSON.parse(box.open(row.sealedSecrets)) as Record<string, string>) : {},
  });

  /** The stored credentials; none when they no longer open, so staff can enter them anew. */
  function storedSecrets(row: repo.AccountRow): Record<string, string> {
    try {
      return open(row).secrets;
    } catch {
      return {};
    }
  }
  const secretNamesOf = (row: repo.AccountRow) => Object.keys(storedSecrets(row));

  async function validate(input: AccountInput) {
    const adapter = adapters.get(input.network);
    if (!adapter) throw new Invalid('body.network', 'Этот канал не поддерживается');
    for (const key of Object.keys(input.settings ?? {})) {
      if (!adapter.settings.includes(key))
        throw new Invalid(`body.settings.${key}`, 'Неизвестный параметр канала');
    }
    for (const key of Object.keys(input.secrets ?? {})) {
      if (!adapter.secrets.includes(key))
        throw new Invalid(`body.secrets.${key}`, 'Неизвестный секрет канала');
    }
    await assertPublicEndpoints(adapter, input.settings ?? {}, 'body.settings');
  }

  async function assertPublicEndpoints(
    adapter: NetworkAdapter,
    settings: Record<string, string>,
    fieldPrefix: string,
  ) {
    for (const key of adapter.endpoints ?? []) {
      const endpoint = settings[key];
      if (!endpoint) continue;
      const refusal = await internalEndpointRefusal(endpoint, privateNetworks);
      if (refusal) throw new Invalid(`${fieldPrefix}.${key}`, refusal);
    }
  }

  async function requireRow(agencyId: string, id: string) {
    const row = await repo.findAccount(db, id, agencyId);
    if (!row) throw notFound();
    return row;
  }

  return {
    registerAdapter(network: Network, adapter: NetworkAdapter) {
      adapters.set(network, adapter);
    },

    /** What the console's form asks for on each network whose adapter this node has. */
    networks() {
      return [...adapters.entries()].map(([network, adapter]) => ({
        network,
        settings: [...adapter.settings],
        secrets: [...adapter.secrets],
      }));
    },

    async list(actor: Actor) {
      return (await repo.listAccounts(db, actor.agencyId)).map((row) => describe(row, secretNamesOf(row)));
    },

    async create(actor: Actor, input: AccountInput) {
      await validate(input);
      return db.transaction(async (tx) => {
        const row = await repo.insertAccount(tx, {
          agencyId: actor.agencyId,
          network: input.network,
          title: input.title,
          enabled: input.enabled ?? true,
          settings: input.settings ?? {},
          sealedSecrets: input.secrets ? box.seal(JSON.stringify(input.secrets)) : null,
        });
        const described = describe(row, Object.keys(input.secrets ?? {}));
        await audit.record(tx, actor, 'channel_account', row.id, { after: described });
        return described;
      });
    },

    async update(actor: Actor, id: string, patch: Omit<Partial<AccountInput>, 'network'>) {
      const before = await requireRow(actor.agencyId, id);
      await validate({ network: before.network, title: before.title, ...patch });
      const secrets = { ...storedSecrets(before), ...(patch.secrets ?? {}) };
      return db.transaction(async (tx) => {
        const row = await repo.updateAccount(tx, actor.agencyId, id, {
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...(patch.settings ? { settings: { ...before.settings, ...patch.settings } } : {}),
          ...(patch.secrets ? { sealedSecrets: box.seal(JSON.stringify(secrets)) } : {}),
        });
        if (!row) throw notFound();
        const after = describe(row, Object.keys(secrets));
        await audit.record(tx, actor, 'channel_account', id, {
          before: describe(before, secretNamesOf(before)),
          after,
        });
        return after;
      });
    },

    async remove(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        if (!(await repo.deleteAccount(tx, actor.agencyId, id))) throw notFound();
        await audit.record(tx, actor, 'channel_account', id, { before: { id } });
      });
    },

    /** «Проверить подключение»: calls the network and records the outcome as the health shown. */
    async test(actor: Actor, id: string) {
      const row = await requireRow(actor.agencyId, id);
      const adapter = adapters.get(row.network);
      if (!adapter) throw new Invalid('network', 'Этот канал не поддерживается');
      let error: string | null = null;
      try {
        // Again at each check: the name may resolve elsewhere now than when it was saved.
        await assertPublicEndpoints(adapter, row.settings, 'settings');
        await adapter.check(open(row));
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
      }
      await repo.recordHealth(db, id, error, new Date());
      return { ok: error === null, error };
    },

    /** An adapter's view of one account (any agency: inbound traffic names the account). */
    async openById(id: string) {
      const row = await repo.findAccount(db, id);
      return row ? open(row) : null;
    },

    /**
     * Every enabled account of a network, for pollers. One whose credentials no longer open (the
     * key was changed) is left out and says so in its health, rather than stopping the others.
     */
    async enabledOf(network: Network) {
      const accounts: OpenAccount[] = [];
      for (const row of await repo.enabledOfNetwork(db, network)) {
        try {
          accounts.push(open(row));
        } catch {
          await repo.recordHealth(db, row.id, UNREADABLE_SECRETS, new Date());
        }
      }
      return accounts;
    },

    /** Why the account cannot publish to its page, as its network's adapter sees it, or null. */
    postingRefusal(row: repo.AccountRow): string | null {
      const adapter = adapters.get(row.network);
      if (!adapter?.postingRefusal) return null;
      try {
        return adapter.postingRefusal(open(row));
      } catch {
        return UNREADABLE_SECRETS;
      }
    },

    recordHealth: (id: string, error: string | null) => repo.recordHealth(db, id, error, new Date()),
  };
}

export type ChannelAccounts = ReturnType<typeof createChannelAccounts>;
