/** Prints how long each phase of a crash test took since the clock was made. */
export function phaseClock() {
  const started = Date.now();
  return (phase: string) => console.info(`${phase}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
