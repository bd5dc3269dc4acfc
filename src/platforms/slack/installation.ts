/**
 * Which bot token serves a workspace (the OAuth installation, else the single configured token), and what
 * happens when a workspace uninstalls the app: its installation is forgotten and its channels paused.
 */
import type { Config } from "../../config.js";
import { PlatformError } from "../../core/errors.js";
import type { Store } from "../../core/ports.js";
import type { Logger } from "../../log.js";
import { createInstallationStore, type SlackInstallationStore } from "./installation-store.js";

export interface SlackInstallations {
  /** Bolt's installation store in OAuth mode; null with a single bot token. */
  store: SlackInstallationStore | null;
  tokenFor(team: string): Promise<string>;
  onUninstalled(team: string | undefined, enterprise: string | undefined, reason: string): Promise<void>;
}

export function slackInstallations(config: Config, store: Store, oauth: boolean, log: Logger): SlackInstallations {
  const installations = oauth ? createInstallationStore(store) : null;
  return {
    store: installations,
    async tokenFor(team) {
      const installed = installations ? await installations.botToken(team) : null;
      const token = installed ?? config.slack.botToken;
      if (!token) throw new PlatformError("slack_not_installed", `paperboy is not installed in Slack workspace ${team}`, { retryable: false });
      return token;
    },
    async onUninstalled(team, enterprise, reason) {
      if (!team) return;
      if (installations) await installations.deleteInstallation?.({ teamId: team, enterpriseId: enterprise, isEnterpriseInstall: false });
      const channels = await store.listChannels({ platform: "slack", workspace: team });
      for (const channel of channels) {
        if (!channel.settings.paused) await store.updateSettings(channel.id, { paused: true }, reason);
      }
      log.info({ team, channels: channels.length }, reason);
    },
  };
}
