import { describe, expect, it } from 'vitest';
import { fold, matches } from '../../../src/lib/ui/search';

describe('glossary search folding', () => {
	it('folds accents and case, as before', () => {
		expect(fold('Règle ÉCOLE')).toBe('regle ecole');
		expect(matches('regle', 'La règle')).toBe(true);
	});

	it('finds œ and æ words typed with two letters, both ways', () => {
		expect(matches('oeuvre', 'Une œuvre collective')).toBe(true);
		expect(matches('coeur', 'Au cœur du service')).toBe(true);
		expect(matches('COEUR', 'AU CŒUR DU SERVICE')).toBe(true);
		expect(matches('cœur', 'au coeur')).toBe(true);
		expect(matches('curriculum vitae', 'curriculum vitæ')).toBe(true);
	});

	it('splits compatibility ligatures and still requires every word', () => {
		expect(fold('ﬁchier')).toBe('fichier');
		expect(matches('oeuvre coeur', 'une œuvre')).toBe(false);
		expect(matches('', 'anything')).toBe(true);
	});
});
