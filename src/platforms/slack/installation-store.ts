/**
 * Bolt's `InstallationStore` on the project's own database (Store key/value state), so multi-workspace
 * installs survive restarts and live wherever the rest of the state lives (SQLite or Postgres).
 * https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth
 *
 * Keys: `slack:installation:team:<team id>` and `slack:installation:enterprise:<enterprise id>` (org-wide
 * installs). Values: the installation as JSON (it holds tokens: never log it).
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { PaperboyError } from "../../core/errors.js";
import type { Store } from "../../core/ports.js";

const PREFIX = "slack:installation:";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

function keyOf(query: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `${PREFIX}enterprise:${query.enterpriseId}`;
  if (query.teamId) return `${PREFIX}team:${query.teamId}`;
  throw new PaperboyError("slack_installation_query", "an installation query needs a team id or an enterprise id");
}

export interface SlackInstallationStore extends InstallationStore {
  /** The bot token installed for a team, or null when the team has no installation. */
  botToken(teamId: string): Promise<string | null>;
  /** Team ids with an installation. */
  teams(): Promise<string[]>;
}

export function createInstallationStore(store: Store): SlackInstallationStore {
  const read = async (key: string): Promise<AnyInstallation | null> => {
    const value = await store.getState(key);
    return value === null ? null : (JSON.parse(value) as AnyInstallation);
  };
  return {
    async storeInstallation(installation) {
      const key = keyOf({
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await store.setState(key, JSON.stringify(installation));
    },
    async fetchInstallation(query) {
      const found = await read(keyOf(query));
      if (found === null) {
        throw new PaperboyError("slack_no_installation", `no Slack installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`);
      }
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await store.setState(keyOf(query), null);
    },
    async botToken(teamId) {
      return (await read(keyOf({ teamId })))?.bot?.token ?? null;
    },
    async teams() {
      const rows = await store.listState(`${PREFIX}team:`);
      return rows.map((row) => row.key.slice(`${PREFIX}team:`.length));
    },
  };
}
