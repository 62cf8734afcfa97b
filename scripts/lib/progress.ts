import cliProgress from 'cli-progress'

export type Progress = {
	/** `done` of `total` for one kind of work (organizations, products, …). */
	update(kind: string, done: number, total: number): void
	/** A line of its own (printed above the bar on a terminal). */
	log(line: string): void
	/** Ends the bar and prints `label: text (elapsed)` as the last line. */
	summary(text: string): void
	/** Ends the bar without a summary (on error). */
	stop(): void
	/** Milliseconds since the reporter was created. */
	elapsedMs(): number
}

type Options = {
	/** Where bars and lines go; stderr by default, so stdout stays clean for data (`export -`). */
	stream?: NodeJS.WritableStream & { isTTY?: boolean }
	/** Where the summary goes (stdout by default). */
	summaryStream?: NodeJS.WritableStream
	/** Forces bar (true) or plain lines (false); defaults to whether `stream` is a terminal. */
	tty?: boolean
	now?: () => number
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
	const m = Math.floor(ms / 60_000)
	return `${m} min ${Math.round((ms % 60_000) / 1000)} s`
}

/**
 * Progress for a CLI: a live bar on a terminal, and on a pipe or a log file plain lines
 * (`import products 20000/100000 (20%)`) no more often than every 10 % or 2 s, so logs stay short.
 */
export function createProgress(label: string, options: Options = {}): Progress {
	const stream = options.stream ?? process.stderr
	const summaryStream = options.summaryStream ?? process.stdout
	const tty = options.tty ?? Boolean(stream.isTTY)
	const now = options.now ?? (() => Date.now())
	const started = now()

	let bar: cliProgress.SingleBar | undefined
	let barKind: string | undefined
	const lastLine = new Map<string, { at: number; pct: number; finished: boolean }>()

	function stopBar() {
		bar?.stop()
		bar = undefined
		barKind = undefined
	}

	function update(kind: string, done: number, total: number) {
		if (tty) {
			if (total <= 0) return
			if (barKind !== kind) {
				stopBar()
				bar = new cliProgress.SingleBar(
					{
						stream: stream as NodeJS.WritableStream,
						format: `${label} ${kind} [{bar}] {value}/{total} ({percentage}%) ETA {eta_formatted}`,
						hideCursor: true,
						clearOnComplete: false,
						etaBuffer: 50,
					},
					cliProgress.Presets.shades_classic,
				)
				bar.start(total, 0)
				barKind = kind
			}
			bar?.setTotal(total)
			bar?.update(Math.min(done, total))
			return
		}
		if (total <= 0) return
		const pct = Math.floor((Math.min(done, total) / total) * 100)
		const t = now()
		const last = lastLine.get(kind)
		if (last?.finished) return
		const finished = done >= total
		const due = !last || finished || pct >= last.pct + 10 || t - last.at >= 2000
		if (!due) return
		lastLine.set(kind, { at: t, pct, finished })
		stream.write(`${label} ${kind} ${Math.min(done, total)}/${total} (${pct}%)\n`)
	}

	return {
		update,
		log(line) {
			if (bar) {
				// cli-progress redraws on the current line; end it first so the text is not overwritten.
				stopBar()
			}
			stream.write(`${line}\n`)
		},
		summary(text) {
			stopBar()
			summaryStream.write(`${label}: ${text} (${formatDuration(now() - started)})\n`)
		},
		stop: stopBar,
		elapsedMs: () => now() - started,
	}
}
