/** Formats a number of minutes as « 2 h 30 » / "2 h 30 min" for agendas and timers. */
export function formatDuration(minutes: number, locale: string): string {
	const h = Math.floor(minutes / 60);
	const m = Math.round(minutes % 60);
	if (locale.startsWith('fr')) {
		if (h === 0) return `${m} min`;
		return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
	}
	if (h === 0) return `${m} min`;
	return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
