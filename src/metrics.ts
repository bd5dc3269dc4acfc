/**
 * Prometheus metrics (prom-client) on a registry of our own — never the library's global one, so two
 * apps in one process (tests) keep separate counts.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { SUBCOMMAND_NAMES } from "./core/commands/handler.js";
import type { DeliveryReport } from "./core/delivery.js";
import type { ConnectionChange, Platform, Store } from "./core/ports.js";
import type { IngestReport } from "./ingest.js";

export interface Metrics {
  registry: Registry;
  recordDeliveries(report: DeliveryReport): void;
  recordIngest(reports: IngestReport[]): void;
  recordCommand(name: string): void;
  /** Reports the platforms' connections (read at each scrape): changes by platform and state, and up 0/1. */
  trackConnections(platforms: () => Iterable<Platform>): void;
}

/** Command label values: the known subcommands, and `other` for anything typed, so the series stay bounded. */
const COMMAND_LABELS = new Set(SUBCOMMAND_NAMES);
const OTHER_COMMAND = "other";

export function createMetrics(store: Store): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "paperboy_" });
  const deliveries = new Counter({ name: "paperboy_deliveries_total", help: "Channel deliveries by outcome", labelNames: ["outcome"] as const, registers: [registry] });
  const digests = new Counter({ name: "paperboy_digests_ingested_total", help: "Digest files ingested by outcome", labelNames: ["outcome"] as const, registers: [registry] });
  const commands = new Counter({ name: "paperboy_commands_total", help: "Slash commands answered", labelNames: ["command"] as const, registers: [registry] });
  new Gauge({
    name: "paperboy_archive_papers",
    help: "Papers in the archive",
    registers: [registry],
    async collect() {
      this.set(await store.countPapers());
    },
  });
  let connected: () => Iterable<Platform> = () => [];
  // Counted by the platforms themselves; each scrape adds what happened since the last one.
  const seenChanges = new Map<string, number>();
  new Counter({
    name: "paperboy_platform_connection_changes_total",
    help: "Connection changes by platform and state (connected, reconnecting, resumed, disconnected)",
    labelNames: ["platform", "state"] as const,
    registers: [registry],
    collect() {
      for (const platform of connected()) {
        const changes = platform.connection?.().changes;
        for (const [state, total] of Object.entries(changes ?? {}) as Array<[ConnectionChange, number]>) {
          const key = `${platform.kind}:${state}`;
          const delta = total - (seenChanges.get(key) ?? 0);
          if (delta > 0) this.inc({ platform: platform.kind, state }, delta);
          seenChanges.set(key, total);
        }
      }
    },
  });
  new Gauge({
    name: "paperboy_platform_connected",
    help: "1 while the platform's connection (gateway, Socket Mode) is up, else 0",
    labelNames: ["platform"] as const,
    registers: [registry],
    collect() {
      for (const platform of connected()) {
        const connection = platform.connection?.();
        if (connection) this.set({ platform: platform.kind }, connection.state === "connected" ? 1 : 0);
      }
    },
  });
  return {
    registry,
    trackConnections(platforms) {
      connected = platforms;
    },
    recordDeliveries(report) {
      for (const outcome of ["delivered", "skipped", "failed", "pending"] as const) if (report[outcome] > 0) deliveries.inc({ outcome }, report[outcome]);
    },
    recordIngest(reports) {
      for (const report of reports) digests.inc({ outcome: report.outcome });
    },
    recordCommand(name) {
      const label = name.toLowerCase();
      commands.inc({ command: COMMAND_LABELS.has(label) ? label : OTHER_COMMAND });
    },
  };
}
