// The progress line on stderr: epoch, a bar, steps done, rate in steps/s and rows/s, ETA and running loss.
// On a terminal one line is redrawn with \r (at most every `redrawMs`); otherwise a plain line is printed
// every `lineMs`, so logs stay readable.

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  stream?: ProgressSink;
  /** overrides stream.isTTY */
  tty?: boolean;
  /** clock in milliseconds (tests pass a fake one) */
  now?: () => number;
  redrawMs?: number;
  lineMs?: number;
  /** bar width in characters */
  width?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0"), ss = String(r).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return "-";
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (v >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

export class Progress {
  private readonly out: ProgressSink;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly redrawMs: number;
  private readonly lineMs: number;
  private readonly width: number;
  private label = "";
  private total: number | undefined;
  private firstStep = 0;
  private started = 0;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(opts: ProgressOptions = {}) {
    this.out = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? Boolean(this.out.isTTY);
    this.now = opts.now ?? (() => performance.now());
    this.redrawMs = opts.redrawMs ?? 100;
    this.lineMs = opts.lineMs ?? 10_000;
    this.width = opts.width ?? 24;
  }

  /** Starts an epoch of `total` steps (undefined when unknown), resumed at step `first`. */
  start(label: string, total: number | undefined, first = 0): void {
    this.label = label;
    this.total = total;
    this.firstStep = first;
    this.started = this.now();
    this.lastDraw = this.tty ? -Infinity : this.started;
  }

  /** `step` = steps done in this epoch, `rows` = rows done since start(), `loss` = running mean. */
  update(step: number, rows: number, loss: number): void {
    const t = this.now();
    if (t - this.lastDraw < (this.tty ? this.redrawMs : this.lineMs)) return;
    this.lastDraw = t;
    this.emit(this.line(step, rows, loss, t), false);
  }

  /** Final line of an epoch, always printed and ended with a newline. */
  finish(step: number, rows: number, loss: number, extra = ""): void {
    const line = this.line(step, rows, loss, this.now()) + (extra ? `  ${extra}` : "");
    this.emit(line, true);
  }

  /** Prints a message on its own line without garbling the progress line. */
  message(text: string): void {
    this.emit(text, true);
  }

  line(step: number, rows: number, loss: number, t: number): string {
    const secs = Math.max(1e-9, (t - this.started) / 1000);
    const done = step - this.firstStep;
    const stepRate = done / secs, rowRate = rows / secs;
    const parts = [this.label];
    if (this.total !== undefined) {
      const frac = this.total > 0 ? Math.min(1, step / this.total) : 1;
      const fill = Math.round(frac * this.width);
      parts.push(`[${"#".repeat(fill)}${".".repeat(this.width - fill)}]`, `${step}/${this.total}`);
    } else {
      parts.push(`${step}`);
    }
    parts.push(`${formatRate(stepRate)} steps/s`, `${formatRate(rowRate)} rows/s`);
    if (this.total !== undefined) parts.push(`ETA ${formatDuration(done > 0 ? (this.total - step) / stepRate : NaN)}`);
    parts.push(`loss ${Number.isFinite(loss) ? loss.toFixed(4) : String(loss)}`);
    return parts.join(" ");
  }

  private emit(line: string, final: boolean): void {
    if (this.tty) {
      this.out.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
      this.drawn = !final;
    } else {
      this.out.write(line + "\n");
    }
  }

  /** Ends a pending redrawn line (before other output). */
  clear(): void {
    if (this.tty && this.drawn) this.out.write("\n");
    this.drawn = false;
  }
}
