/** Errors are data: a greppable code, a human message, and whatever detail helps (never secrets). */
export class PaperboyError extends Error {
  readonly code: string;
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: string, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = "PaperboyError";
    this.code = code;
    this.detail = detail;
  }
}

export function isPaperboyError(error: unknown): error is PaperboyError {
  return error instanceof PaperboyError;
}

/** The one-line text of any thrown value, for logs and CLI output. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** What a platform adapter throws when a send fails: the failure as data, with the retry decision made. */
export class PlatformError extends PaperboyError {
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  constructor(code: string, message: string, options: { retryable: boolean; retryAfterMs?: number | null; detail?: Record<string, unknown> }) {
    super(code, message, options.detail);
    this.name = "PlatformError";
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/**
 * The PlatformError code for a direct message the person does not accept (Discord 50007: DMs closed). A
 * personal destination paused with it is explained to its person as "your DMs are closed".
 */
export const DM_CLOSED = "dm_closed";
