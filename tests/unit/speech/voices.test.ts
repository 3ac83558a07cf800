import { describe, expect, it } from 'vitest';
import { pickVoice, speakableText } from '$lib/speech/voices';

const voices = [
	{ name: 'Thomas', lang: 'fr-FR', localService: true },
	{ name: 'Amélie', lang: 'fr-CA', localService: false },
	{ name: 'Amélie hors ligne', lang: 'fr-CA', localService: true },
	{ name: 'Samantha', lang: 'en-US', localService: true, default: true }
];

describe('pickVoice', () => {
	it('prefers the exact regional voice available offline', () => {
		expect(pickVoice(voices, 'fr-CA')?.name).toBe('Amélie hors ligne');
	});
	it('falls back to the same language in another region', () => {
		expect(pickVoice(voices, 'en-GB')?.name).toBe('Samantha');
		expect(pickVoice(voices.slice(0, 1), 'fr-CA')?.name).toBe('Thomas');
	});
	it('finds nothing when no voice speaks the language', () => {
		expect(pickVoice(voices, 'es')).toBeUndefined();
		expect(pickVoice([], 'fr-CA')).toBeUndefined();
	});
});

describe('speakableText', () => {
	it('drops markup and keeps the words', () => {
		expect(speakableText('## Les **risques**\n- [biais](glossaire:biais) & <em>opacité</em>')).toBe('Les risques - biais & opacité');
		expect(speakableText('<p>A&nbsp;&amp;&lt;B&gt;</p>')).toBe('A &<B>');
	});
});
