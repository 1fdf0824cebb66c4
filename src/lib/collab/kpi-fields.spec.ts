import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readKpiFields, writeKpiFields } from './kpi-fields';

function fresh(): Y.Map<unknown> {
	const doc = new Y.Doc();
	return doc.getMap('test');
}

describe('kpi-fields', () => {
	it('reads back what it wrote', () => {
		const map = fresh();
		const fields = {
			name: '新規就農者数',
			unit: '人',
			measurementMethod: '実績数',
			baselineValue: 11,
			baselineYear: 2019,
			direction: 'lower' as const,
			cumulative: true,
			targets: { 2024: 20, 2025: 22 }
		};
		writeKpiFields(map, fields);
		expect(readKpiFields(map)).toEqual(fields);
		expect(map.get('name')).toBeInstanceOf(Y.Text);
	});

	it('fills blanks with defaults and drops targets that are not fiscal years with numbers', () => {
		const map = fresh();
		writeKpiFields(map, { name: 'x', baselineValue: Number.NaN, targets: { 2024: null, 24: 5, 2025: 3 } as Record<number, number | null> });
		expect(readKpiFields(map)).toEqual({
			name: 'x',
			unit: '',
			measurementMethod: '',
			baselineValue: null,
			baselineYear: null,
			direction: 'higher',
			cumulative: false,
			targets: { 2025: 3 }
		});
	});

	it('reads a damaged map as blanks instead of throwing', () => {
		const map = fresh();
		map.set('name', 'plain string');
		map.set('baselineValue', 'ten');
		map.set('direction', 'sideways');
		map.set('targets', 'none');
		expect(readKpiFields(map)).toMatchObject({ name: 'plain string', baselineValue: null, direction: 'higher', targets: {} });
	});
});
