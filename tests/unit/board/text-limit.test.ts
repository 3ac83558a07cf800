import { describe, expect, it } from 'vitest';
import { fieldLength, limitCounter, pasteOverflow } from '$lib/ui/board/text-limit';
import { translate } from '$lib/i18n';

describe('text limits, told rather than cut', () => {
	it('shows the counter from 90 % of the limit, and how far over it the text is', () => {
		expect(limitCounter('x'.repeat(1799), 2000)).toEqual({ show: false });
		expect(limitCounter('x'.repeat(1850), 2000)).toEqual({ show: true, count: 1850, max: 2000, over: 0 });
		expect(limitCounter('x'.repeat(2100), 2000)).toEqual({ show: true, count: 2100, max: 2000, over: 100 });
		expect(translate('fr-CA', 'board.limit.count', { count: 1850, max: 2000 })).toBe('1\u00a0850 / 2\u00a0000');
		expect(translate('en', 'board.limit.count', { count: 1850, max: 2000 })).toBe('1,850 / 2,000');
	});

	it('refuses a paste that would pass the limit, counting what the selection replaces', () => {
		expect(pasteOverflow('', 0, 0, 'x'.repeat(2100), 2000)).toBe(2100);
		expect(pasteOverflow('', 0, 0, 'x'.repeat(2000), 2000)).toBeNull();
		expect(pasteOverflow('a'.repeat(1990), 1990, 1990, 'x'.repeat(11), 2000)).toBe(11);
		// Replacing 100 selected characters with 105 fits in 1,995 + 5.
		expect(pasteOverflow('a'.repeat(1995), 0, 100, 'x'.repeat(105), 2000)).toBeNull();
	});

	it('counts a line break as one character, as the field stores it', () => {
		expect(fieldLength('a\r\nb\rc\nd')).toBe(7);
		expect(pasteOverflow('a'.repeat(1998), 1998, 1998, 'x\r\ny', 2000)).toBe(3);
	});
});
