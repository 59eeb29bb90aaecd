/** A progress line on stderr: rewritten in place on a terminal, every 10 % otherwise (CI logs). */
export function createProgress(label: string): (done: number, total: number) => void {
  let lastDecile = -1;
  const tty = process.stderr.isTTY;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const line = `${label}: ${done.toLocaleString('nl-NL')} / ${total.toLocaleString('nl-NL')} (${percent}%)`;
    if (tty) {
      process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
    } else if (Math.floor(percent / 10) !== lastDecile) {
      lastDecile = Math.floor(percent / 10);
      process.stderr.write(`${line}\n`);
    }
  };
}
