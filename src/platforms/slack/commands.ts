/**
 * The `/papers` slash command payload → the neutral Command and its context. Slack sends the command text
 * as typed after the command name: https://docs.slack.dev/interactivity/implementing-slash-commands
 */
import type { Config } from "../../config.js";
import type { Command, CommandContext } from "../../core/ports.js";

export interface SlashCommandPayload {
  team_id: string;
  channel_id: string;
  user_id: string;
  text?: string;
  response_url?: string;
}

/** First word = subcommand (case-insensitive), the rest as typed; empty text asks for help. */
export function parseSlashText(text: string | undefined): Command {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return { name: "help", args: "" };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return { name: (match?.[1] ?? trimmed).toLowerCase(), args: (match?.[2] ?? "").trim() };
}

export function commandContext(payload: SlashCommandPayload, config: Config, checkCanPost?: () => Promise<string | null>): CommandContext {
  const managers = config.slack.managers;
  return {
    channel: { platform: "slack", workspace: payload.team_id, channel: payload.channel_id },
    userId: payload.user_id,
    isManager: managers.length === 0 || managers.includes(payload.user_id),
    ...(checkCanPost ? { checkCanPost } : {}),
  };
}
