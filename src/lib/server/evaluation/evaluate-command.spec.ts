import { describe, expect, it } from 'vitest';
import { parseEvaluateArgs, runEvaluate } from './evaluate-command';

describe('parseEvaluateArgs', () => {
	it('reads the file, the year in any notation and the target basis', () => {
		expect(parseEvaluateArgs(['t.csv'])).toEqual({ ok: true, file: 't.csv', year: null, targetBasis: 'final' });
		expect(parseEvaluateArgs(['t.csv', '--year', 'R4'])).toMatchObject({ year: 2022 });
		expect(parseEvaluateArgs(['--year=令和元年度', 't.xlsx'])).toMatchObject({ year: 2019, file: 't.xlsx' });
		expect(parseEvaluateArgs(['t.csv', '--target', 'yearly'])).toMatchObject({ targetBasis: 'yearly' });
	});
	it('refuses what it does not understand', () => {
		expect(parseEvaluateArgs([])).toMatchObject({ ok: false });
		expect(parseEvaluateArgs(['a.csv', 'b.csv'])).toMatchObject({ ok: false });
		expect(parseEvaluateArgs(['a.csv', '--year'])).toMatchObject({ ok: false });
		expect(parseEvaluateArgs(['a.csv', '--year', 'R'])).toMatchObject({ ok: false });
		expect(parseEvaluateArgs(['a.csv', '--target', 'best'])).toMatchObject({ ok: false });
		expect(parseEvaluateArgs(['a.csv', '--verbose'])).toMatchObject({ ok: false });
	});
});

describe('runEvaluate', () => {
	const io = (text: string) => {
		const out = { stdout: '', stderr: '' };
		return {
			out,
			io: {
				readFile: async () => new TextEncoder().encode(text),
				stdout: (t: string) => void (out.stdout += t),
				stderr: (t: string) => void (out.stderr += t)
			}
		};
	};
	it('compares with the yearly target on request', async () => {
		const csv = '基本目標,施策,指標,基準値,実績値,実績年度,R4目標,目標値,目標年度\n1 しごと,1-1 x,a,50,80,R4,80,100,R6\n';
		const final = io(csv);
		expect(await runEvaluate(['t.csv'], final.io)).toBe(0);
		expect(final.out.stdout.split('\n')[1]).toBe('基本目標1 しごと,1-1 x,a,,50,80,100,80.0,improved');
		const yearly = io(csv);
		expect(await runEvaluate(['t.csv', '--target', 'yearly'], yearly.io)).toBe(0);
		expect(yearly.out.stdout.split('\n')[1]).toBe('基本目標1 しごと,1-1 x,a,,50,80,80,100.0,met');
	});
	it('asks for --year when the table has no actual at all', async () => {
		const none = io('基本目標,指標,基準値,目標値\n1 しごと,a,1,2\n');
		expect(await runEvaluate(['t.csv'], none.io)).toBe(1);
		expect(none.out.stderr).toContain('--year R4');
	});
});
