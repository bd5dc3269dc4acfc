/**
 * Time-driven work, on node-cron: poll the digest source, and every minute run the deliveries that are
 * due. Each job is single-flight (`noOverlap`): a slow delivery round never overlaps the next tick.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "./log.js";

export interface SchedulerJobs {
  pollSources: () => Promise<void>;
  deliverDue: () => Promise<void>;
}

export interface SchedulerOptions {
  /** Seconds between source polls (a folder: 60; a URL: 15 minutes). */
  pollSeconds: number;
  logger: Logger;
}

/** A cron expression that fires every `seconds` seconds (rounded to what cron can express). */
export function everySeconds(seconds: number): string {
  if (seconds < 60) return `*/${Math.max(1, Math.round(seconds))} * * * * *`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes >= 60 ? `0 0 */${Math.max(1, Math.round(minutes / 60))} * * *` : `0 */${minutes} * * * *`;
}

export function startScheduler(jobs: SchedulerJobs, options: SchedulerOptions): { stop: () => Promise<void> } {
  const log = options.logger.child({ component: "scheduler" });
  const cronLogger = {
    info: (message: string) => log.debug({}, message),
    warn: (message: string) => log.debug({}, message),
    error: (message: string | Error) => log.error({ err: String(message) }, "cron error"),
    debug: (message: string | Error) => log.trace({}, String(message)),
  };
  const guard = (name: string, job: () => Promise<void>) => async () => {
    try {
      await job();
    } catch (error) {
      log.error({ job: name, err: (error as Error).message }, "scheduled job failed");
    }
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(everySeconds(options.pollSeconds), guard("poll", jobs.pollSources), { name: "poll-sources", noOverlap: true, logger: cronLogger }),
    // Second 5 of every minute: a post due at 09:00 goes out at 09:00:05.
    cron.schedule("5 * * * * *", guard("deliver", jobs.deliverDue), { name: "deliver-due", noOverlap: true, logger: cronLogger }),
  ];
  return {
    stop: async () => {
      for (const task of tasks) await task.destroy();
    },
  };
}
