/**
 * The service's own HTTP endpoints: /healthz and /metrics. When Slack runs in HTTP mode its receiver owns
 * the port and serves these routes too (see buildRoutes); otherwise this small server does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

export interface Route {
  path: string;
  method: "GET";
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export function buildRoutes(metrics: Metrics, healthy: () => boolean): Route[] {
  return [
    {
      path: "/healthz",
      method: "GET",
      handler: (_req, res) => {
        const ok = healthy();
        res.writeHead(ok ? 200 : 503, { "content-type": "text/plain" }).end(ok ? "ok" : "starting");
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
