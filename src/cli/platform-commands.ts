/** Platform set-up: Discord command registration and invite URL, the Slack app manifest. */
import { PaperboyError } from "../core/errors.js";
import { printJson, resolveConfig, type GlobalOptions } from "./context.js";

export async function discordRegisterCommand(options: GlobalOptions & { guild?: string }): Promise<void> {
  const config = resolveConfig(options);
  if (!config.discord.token || !config.discord.applicationId) {
    throw new PaperboyError("config_missing", "set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register commands");
  }
  const { registerDiscordCommands } = await import("../platforms/discord/commands.js");
  await registerDiscordCommands({
    token: config.discord.token,
    applicationId: config.discord.applicationId,
    ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
    ...(options.guild ? { guildId: options.guild } : {}),
  });
  process.stdout.write(options.guild ? `registered /papers in guild ${options.guild} (available now)\n` : "registered /papers globally (may take up to an hour to appear)\n");
}

export async function discordInviteCommand(options: GlobalOptions): Promise<void> {
  const config = resolveConfig(options);
  if (!config.discord.applicationId) throw new PaperboyError("config_missing", "set DISCORD_APPLICATION_ID to build the invite URL");
  const { discordInviteUrl } = await import("../platforms/discord/commands.js");
  process.stdout.write(`${discordInviteUrl(config.discord.applicationId)}\n`);
}

export async function slackManifestCommand(options: GlobalOptions & { socket?: boolean; http?: boolean }): Promise<void> {
  const config = resolveConfig(options);
  const { slackManifest } = await import("../platforms/slack/manifest.js");
  const socketMode = options.http ? false : options.socket ? true : !config.publicUrl;
  if (!socketMode && !config.publicUrl) throw new PaperboyError("config_missing", "an HTTP-mode manifest needs PAPERBOY_PUBLIC_URL (the https address Slack can reach)");
  printJson(slackManifest({ command: config.slack.command, socketMode, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) }));
}
