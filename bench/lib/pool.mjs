export const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

/** Runs `worker(i)` for i < count, `concurrency` at a time; returns calls per second. */
export async function ratePerSecond(count, worker) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await worker(next++);
    }),
  );
  return (count / (performance.now() - started)) * 1000;
}
