import { describe, expect, it } from "vitest";
import { helpPost } from "../../src/core/commands/help.js";
import { plain } from "../../src/core/post.js";
import { BOT_SCOPES, slackManifest } from "../../src/platforms/slack/manifest.js";

describe("slackManifest", () => {
  it("describes a Socket Mode app: no request URLs, the command, scopes and install events", () => {
    const manifest = slackManifest({ command: "/papers", socketMode: true }) as any;
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).toEqual({ bot_events: ["app_uninstalled", "tokens_revoked"] });
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: "/papers", usage_hint: expect.stringContaining("subscribe") })]);
    expect(manifest.features.slash_commands[0]!.usage_hint).toContain("digest [date] [page N] [all]");
    // `/papers help` names `all` too: the held-back papers of `learn filter` are reachable from the usage.
    expect(helpPost("/papers").intro.map(plain).join("\n")).toContain("/papers digest [date] [page N] [all]");
    expect(manifest.features.slash_commands[0].url).toBeUndefined();
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.bot).not.toContain("chat:write.public");
    expect(manifest.features.bot_user.display_name).toBe("paperboy");
    // The vote and pager buttons need interactivity; Socket Mode delivers presses without a URL.
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
  });

  it("points the command, events and OAuth redirect at the public URL in HTTP mode", () => {
    const manifest = slackManifest({ command: "/arxiv", socketMode: false, publicUrl: "https://paperboy.example.org/" }) as any;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe("https://paperboy.example.org/slack/events");
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: "/arxiv", url: "https://paperboy.example.org/slack/events" });
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://paperboy.example.org/slack/oauth_redirect"]);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: "https://paperboy.example.org/slack/events" });
  });

  it("refuses an HTTP-mode manifest without a public URL", () => {
    expect(() => slackManifest({ command: "/papers", socketMode: false })).toThrow(/PAPERBOY_PUBLIC_URL/);
  });
});
