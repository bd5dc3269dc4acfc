/** Progress on stderr, so that stdout carries only the results table. */

export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Reports "label… 40%" at most once per 10% step. */
export function progressReporter(label: string, total: number): (done: number) => void {
  let lastStep = -1;
  return (done) => {
    const step = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (step === lastStep) return;
    lastStep = step;
    note(`${label}… ${step * 10}%`);
  };
}
