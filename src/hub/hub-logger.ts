/**
 * The hub's log: one line per event, with ids, counts and sizes only. Contribution text, tokens
 * and keys never reach it (callers pass no payload, and values are plain scalars).
 */
export type HubLogFields = Record<string, string | number | boolean>;
export type HubLogger = (event: string, fields?: HubLogFields) => void;

export function createConsoleLogger(write: (line: string) => void = (line) => console.log(line)): HubLogger {
	return (event, fields = {}) => {
		const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : v}`);
		write([new Date().toISOString(), event, ...parts].join(' '));
	};
}

export const silentLogger: HubLogger = () => {};
