/**
 * The load generator, run in its own process (never inside a server under test): autocannon against
 * one URL origin, cycling through a list of paths, with a warm-up whose numbers are discarded.
 *
 * Usage: node --import tsx bench/load.ts <job.json>; prints one JSON line (a LoadResult) on stdout.
 * Latency is recorded per response from autocannon's 'response' event, which carries the response
 * time in fractional milliseconds (autocannon's own histogram rounds to whole milliseconds).
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export interface LoadJob {
  /** Origin, e.g. http://127.0.0.1:8080 */
  readonly origin: string;
  /** Paths requested in turn, cycled. */
  readonly paths: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  /** Seconds measured. */
  readonly duration: number;
  /** Seconds of warm-up before the measurement; discarded. */
  readonly warmup: number;
}

export interface LoadResult {
  /** Completed requests per second over the measured window. */
  readonly rps: number;
  readonly requests: number;
  readonly seconds: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Bytes per second received (headers and bodies). */
  readonly bytesPerSecond: number;
  /** Milliseconds. */
  readonly latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** CPU seconds the load generator itself used during the measured window, per wall second. */
  readonly loadCpu: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function cannon(job: LoadJob, seconds: number, record?: (ms: number) => void): Promise<autocannon.Result> {
  let next = 0;
  const paths = job.paths;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.origin,
        connections: job.connections,
        pipelining: 1,
        // A slow server still yields latencies rather than only timeouts.
        timeout: 30,
        duration: seconds,
        headers: { ...job.headers },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              request.path = paths[next++ % paths.length] as string;
              return request;
            },
          },
        ],
      },
      (error: unknown, result) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
    if (record) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) record(responseTime);
      });
    }
  });
}

export async function runLoad(job: LoadJob, onStart?: () => void): Promise<LoadResult> {
  if (job.warmup > 0) await cannon(job, job.warmup);
  onStart?.();
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const record = (ms: number): void => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = ms;
  };
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await cannon(job, job.duration, record);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.subarray(0, count).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  // autocannon counts requests completed within its duration; its own 'duration' excludes ramp-down.
  const measured = result.duration > 0 ? result.duration : seconds;
  return {
    rps: result.requests.total / measured,
    requests: result.requests.total,
    seconds: measured,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSecond: result.throughput.total / measured,
    latency: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      mean: count === 0 ? Number.NaN : sum / count,
      max: percentile(sorted, 100),
    },
    loadCpu: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: load.ts <job.json>');
    process.exit(2);
  }
  const job = JSON.parse(fs.readFileSync(file, 'utf8')) as LoadJob;
  // "start" tells the parent that the measured window begins (after any warm-up).
  runLoad(job, () => process.stdout.write('start\n')).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
