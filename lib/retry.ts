export type RetryOptions = {
  /** Give up once this much time has been spent waiting between attempts (0: one attempt). */
  maxWaitMs: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, bounded by total wait: a waking serverless database gets time, a dead one does not hang us forever. */
export async function retryWithBackoff<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const {
    maxWaitMs,
    baseDelayMs = 250,
    maxDelayMs = 5000,
    sleep = defaultSleep,
    random = Math.random,
  } = options;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.min(Math.round(ceiling / 2 + (random() * ceiling) / 2), maxWaitMs - waited);
      if (delayMs <= 0) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
      waited += delayMs;
    }
  }
}
