/**
 * The service's own HTTP endpoints: /healthz and /metrics. When Slack runs in HTTP mode its receiver owns
 * the port and serves these routes too (see buildRoutes); otherwise this small server does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./log.js";
import type { Platform, PlatformConnection } from "./core/ports.js";
import type { Metrics } from "./metrics.js";

export interface Route {
  path: string;
  method: "GET";
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * /healthz: 503 `starting` until the app runs; then 503 `degraded` while a configured platform's connection
 * is not up, else 200 `ok` — as JSON with each connected platform's state and why it is not connected.
 */
export function buildRoutes(metrics: Metrics, healthy: () => boolean, platforms: () => Iterable<Platform> = () => []): Route[] {
  metrics.trackConnections(platforms);
  return [
    {
      path: "/healthz",
      method: "GET",
      handler: (_req, res) => {
        const states: Record<string, Omit<PlatformConnection, "changes">> = {};
        for (const platform of platforms()) {
          const connection = platform.connection?.();
          if (connection) states[platform.kind] = { state: connection.state, reason: connection.reason };
        }
        const down = Object.values(states).some((connection) => connection.state !== "connected");
        const status = !healthy() ? "starting" : down ? "degraded" : "ok";
        res.writeHead(status === "ok" ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status, platforms: states }));
      },
    },
    {
      path: "/metrics",
      method: "GET",
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (body) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(body),
          (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
        );
      },
    },
  ];
}

/** Listens on `port`; a port already in use is logged and skipped rather than stopping the service. */
export async function startHttpServer(port: number, routes: Route[], logger: Logger): Promise<Server | null> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find((candidate) => candidate.path === path && candidate.method === req.method);
    if (route) route.handler(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  return new Promise((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      logger.warn({ port, err: error.code ?? error.message }, "HTTP endpoints (/healthz, /metrics) not started");
      resolve(null);
    });
    server.listen(port, () => {
      logger.info({ port: (server.address() as AddressInfo).port }, "HTTP endpoints listening (/healthz, /metrics)");
      resolve(server);
    });
  });
}
