/**
 * Choices one device makes for one session: which group it works for and whether its participant
 * consented. Kept in localStorage (per device, per session) because they describe who is holding
 * this tablet, not the shared workshop data.
 */
const key = (sessionId: string, name: 'group' | 'consent') => `tablee.${name}.${sessionId}`;

function read(k: string): string | null {
	try {
		return localStorage.getItem(k);
	} catch {
		return null;
	}
}

function write(k: string, value: string | null): void {
	try {
		if (value === null) localStorage.removeItem(k);
		else localStorage.setItem(k, value);
	} catch {
		// Storage blocked: the choice lasts for this visit only.
	}
}

export type ConsentAnswer = 'accepted' | 'declined';

export const deviceChoices = {
	group: (sessionId: string) => read(key(sessionId, 'group')),
	setGroup: (sessionId: string, groupId: string | null) => write(key(sessionId, 'group'), groupId),
	consent: (sessionId: string): ConsentAnswer | null => {
		const value = read(key(sessionId, 'consent'));
		return value === 'accepted' || value === 'declined' ? value : null;
	},
	setConsent: (sessionId: string, answer: ConsentAnswer | null) => write(key(sessionId, 'consent'), answer)
};
