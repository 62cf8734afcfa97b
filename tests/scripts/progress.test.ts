import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createProgress, formatDuration } from '#scripts/lib/progress.ts'

function sink() {
	const chunks: string[] = []
	const stream = new Writable({
		write(chunk, _enc, done) {
			chunks.push(String(chunk))
			done()
		},
	})
	return { stream, text: () => chunks.join('') }
}

describe('createProgress without a terminal', () => {
	it('prints a line at most every 10 % (or 2 s), the last one always, then the summary', () => {
		const out = sink()
		const summary = sink()
		let clock = 0
		const progress = createProgress('import', {
			stream: out.stream,
			summaryStream: summary.stream,
			tty: false,
			now: () => clock,
		})
		for (let done = 0; done <= 100_000; done += 1000) progress.update('products', done, 100_000)
		const lines = out.text().trim().split('\n')
		expect(lines[0]).toBe('import products 0/100000 (0%)')
		expect(lines).toContain('import products 20000/100000 (20%)')
		expect(lines.at(-1)).toBe('import products 100000/100000 (100%)')
		expect(lines).toHaveLength(11)

		// Slow work still shows signs of life every 2 s.
		progress.update('demands', 1, 1000)
		clock += 2500
		progress.update('demands', 2, 1000)
		expect(out.text().trim().split('\n').slice(-2)).toEqual([
			'import demands 1/1000 (0%)',
			'import demands 2/1000 (0%)',
		])

		clock += 1234
		progress.summary('9 records created')
		expect(summary.text()).toBe('import: 9 records created (3.7 s)\n')
	})

	it('says nothing for an empty collection', () => {
		const out = sink()
		const progress = createProgress('import', { stream: out.stream, tty: false })
		progress.update('demands', 0, 0)
		expect(out.text()).toBe('')
	})
})

describe('formatDuration', () => {
	it('reads naturally', () => {
		expect(formatDuration(42)).toBe('42 ms')
		expect(formatDuration(5400)).toBe('5.4 s')
		expect(formatDuration(125_000)).toBe('2 min 5 s')
	})
})
