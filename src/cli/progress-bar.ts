const WIDTH = 30;

/** Draws `[#####-----]  50%  500/1000` on a terminal; on a pipe, only the final line. */
export function progressBar(write: (text: string) => void, isTty: boolean) {
  return (done: number, total: number): void => {
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * WIDTH);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${done}/${total}`;
    if (isTty) write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (done >= total) write(`${line}\n`);
  };
}
