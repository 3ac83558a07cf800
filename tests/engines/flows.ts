/**
 * The flows every engine runs, written once against `EnginePage`. Steps run in order on one
 * device (a later step uses the session an earlier one created), as a facilitator would go.
 * The text asserted is the app's French, as in tests/e2e.
 */
import { readFileSync } from 'node:fs';
import type { EngineDevice, EnginePage, PageHelpers } from './engine-page';
import type { NetworkGate } from './network-gate';

export const TRACE_FIXTURE = 'tests/unit/export/fixtures/session-trace.json';

export interface FlowContext {
	device: EngineDevice;
	gate: NetworkGate;
	/** Launches another device of the same engine, or of Chromium (closed by the runner). */
	launch(engine: 'same' | 'chromium'): Promise<EngineDevice>;
	/** State passed between steps (the session created, the open tab). */
	state: { page?: EnginePage; sessionId?: string };
}

export interface FlowStep {
	name: string;
	run(ctx: FlowContext): Promise<void>;
}

export function fail(message: string): never {
	throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const page = (ctx: FlowContext) => ctx.state.page ?? fail('no page: an earlier step failed');
const sessionId = (ctx: FlowContext) => ctx.state.sessionId ?? fail('no session: an earlier step failed');
/** Waits until exactly one note card shows `text`. */
const expectNote = (p: EnginePage, text: string) => p.expectCount('article', 1, text);

/** Follows an in-app link (client-side navigation: open WebRTC links stay open). */
export async function navigate(p: EnginePage, href: string): Promise<void> {
	await p.run((target: string) => {
		const a = document.createElement('a');
		a.href = target;
		document.body.append(a);
		a.click();
		a.remove();
	}, href);
	await p.waitFor((target: string) => location.pathname + location.search === target, [href], { what: `the address ${href}` });
}

export async function setDeviceName(p: EnginePage, name: string): Promise<void> {
	await p.goto('/settings');
	await p.fill('Nom montré aux autres tablettes', name);
	await p.click('Enregistrer le nom');
	await p.expectText('Nom enregistré.');
}

export async function createSession(p: EnginePage, title: string, agenda = 'prototyper'): Promise<string> {
	await p.goto('/sessions/new');
	await p.waitFor(() => (document.querySelector('form select') as HTMLSelectElement | null)?.value.startsWith('dialogue-ia-services-publics@'), [], { what: 'the bundled kit in the form' });
	await p.check(`input[name="agenda"][value="${agenda}"]`);
	await p.fill('Titre de la séance', title);
	await p.click('Créer la séance');
	const url = await p.expectUrl(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(url).searchParams.get('id')!;
}

export async function addNote(p: EnginePage, text: string): Promise<void> {
	await p.fill('Votre note', text);
	await p.click('Ajouter la note');
	await p.expectText('Note enregistrée');
	await expectNote(p, text);
}

const WRITE = 'confiance-transparence';
export const QC_KIT = "Dialogue citoyen sur l'IA dans les services publics";

/** What every engine must do: the app's everyday flows on one tablet. */
export const commonSteps: FlowStep[] = [
	{
		name: 'first visit: “prête à fonctionner sans Internet”',
		async run(ctx) {
			const p = (ctx.state.page = await ctx.device.newPage());
			await p.goto('/');
			await p.expectText('L’application est prête à fonctionner sans Internet.');
			await p.waitFor(() => navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null), [], { what: 'a service worker controlling the page' });
			await p.expectText(QC_KIT);
		}
	},
	{
		name: 'reload with the network cut: served by the service worker',
		async run(ctx) {
			const p = page(ctx);
			ctx.gate.setOnline(false);
			try {
				await p.reload();
				await p.expectText(QC_KIT);
				await p.expectNoText('Impossible de lire la liste des trousses');
				const probe = await p.run(() => fetch('/not-precached-probe').then(() => 'reached', () => 'cut'));
				assertEqual(probe, 'cut', 'a request the service worker does not cache');
				await p.goto('/sessions');
				await p.expectText('Nouvelle séance');
			} finally {
				ctx.gate.setOnline(true);
			}
		}
	},
	{
		name: 'create a session',
		async run(ctx) {
			ctx.state.sessionId = await createSession(page(ctx), 'Atelier multi-moteurs');
			await page(ctx).expectText('Atelier multi-moteurs');
		}
	},
	{
		name: 'station notes',
		async run(ctx) {
			const p = page(ctx);
			await p.goto(`/activity?id=${sessionId(ctx)}&activity=${WRITE}`);
			await p.click('J’accepte de participer');
			await addNote(p, 'Une note écrite dans un autre moteur');
			await addNote(p, 'Deuxième note, accents : é à ç œ');
		}
	},
	{
		name: 'notes and consent survive a reload',
		async run(ctx) {
			const p = page(ctx);
			await p.reload();
			await expectNote(p, 'Une note écrite dans un autre moteur');
			await expectNote(p, 'Deuxième note, accents : é à ç œ');
			await p.expectCount('article', 2);
			await p.waitFor(() => $tablee.control('Ajouter la note') !== null, [], { what: 'the note form without asking consent again' });
		}
	},
	{
		name: 'same-device tabs sync',
		async run(ctx) {
			const p = page(ctx);
			const other = await ctx.device.newPage();
			try {
				await other.goto(`/activity?id=${sessionId(ctx)}&activity=${WRITE}&role=facilitator`);
				await other.expectCount('article', 2);
				await addNote(p, 'Écrite dans le premier onglet');
				await expectNote(other, 'Écrite dans le premier onglet');
			} finally {
				await other.close();
			}
		}
	},
	{
		name: 'card game',
		async run(ctx) {
			const p = page(ctx);
			await p.goto(`/activity?id=${sessionId(ctx)}&activity=jeu-cartes`);
			await p.expectText('Jeu de cartes : la grille réflexive');
			await p.fill('Nouveau groupe (nom)', 'Table des hérons');
			await p.click('Créer le groupe');
			await p.expectText('Groupe : Table des hérons');
			await p.expectText('0 / 5 cartes gardées');
			await p.click('Garder la carte « Transparence et explicabilité »');
			await p.click('Garder la carte « Qualité des données »');
			await p.expectText('2 / 5 cartes gardées');
			await p.reload();
			await p.expectText('2 / 5 cartes gardées');
			await p.waitFor(() => $tablee.control('Garder la carte « Qualité des données »')?.getAttribute('aria-pressed') === 'true', [], { what: 'the kept card pressed' });
		}
	},
	{
		name: 'export: a trace imported, then saved as JSON and CSV',
		async run(ctx) {
			const p = page(ctx);
			const text = readFileSync(TRACE_FIXTURE, 'utf8');
			const fixture = JSON.parse(text) as { session: { title: string }; contributions: unknown[] };
			await p.goto('/export');
			await p.setFile('Fichier de trace (.json ou .zip)', 'trace.json', 'application/json', text);
			await p.expectText(`Session « ${fixture.session.title} » ajoutée à cet appareil.`);
			await p.click('Voir les exports de cette session');
			await p.expectText('8 contributions, 3 groupes, 6 personnes participantes');
			await p.captureDownloads();
			await p.click('Trace complète (JSON)');
			await p.click('Contributions (CSV)');
			const [json, csv] = await p.downloads(2);
			assertEqual(json!.name, 'tablee-2026-10-14-atelier-prototyper-rimouski.json', 'JSON file name');
			const trace = JSON.parse(json!.text) as { privacy: unknown; contributions: unknown[] };
			assertEqual(trace.privacy, { authorNames: false, observerNotes: false }, 'privacy of the default trace');
			assertEqual(trace.contributions.length, fixture.contributions.length, 'contributions in the trace');
			if (!csv!.text.startsWith('\uFEFFActivité;Station;Catégorie')) fail(`CSV starts with ${JSON.stringify(csv!.text.slice(0, 40))}`);
		}
	}
];

/** Debian's WebKitGTK has no WebRTC: the app must say so plainly, and still offer the file route. */
export const noWebrtcSteps: FlowStep[] = [
	{
		name: 'no WebRTC in this build: the app says so plainly',
		async run(ctx) {
			const p = (ctx.state.page ??= await ctx.device.newPage());
			assertEqual(await p.run(() => typeof RTCPeerConnection), 'undefined', 'RTCPeerConnection in this engine');
			await p.goto('/settings');
			await p.expectText('Connexion directe entre tablettes (WebRTC) : non');
			await p.expectText('Ce navigateur ne permet pas la connexion directe : échangez la séance par fichier.');
			await p.expectNoText('Lancer l’autotest');
		}
	}
];

/**
 * `inviter` (in session `id`) links `joiner` by typed codes, as with no camera: the invitation
 * shown as text is typed on the joiner, whose answer is typed back on the inviter.
 */
async function linkByTypedCodes(inviter: EnginePage, joiner: EnginePage, id: string, title: string): Promise<void> {
	await navigate(inviter, `/console?id=${id}`);
	await navigate(inviter, `/share?id=${id}&way=codes`);
	await inviter.click('Inviter une autre tablette', { partial: true });
	await inviter.click('Montrer le code d’invitation');
	await inviter.click('Afficher le code en texte');
	const typed = await inviter.waitFor(() => (document.querySelector('[data-pairing-text]') as HTMLElement | null)?.innerText.toLowerCase(), [], { what: 'the invitation as text' });
	await joiner.goto('/join?qr=1');
	await joiner.fill('Ou tapez le code', typed);
	await joiner.click('Valider le code');
	const answer = await joiner.waitFor(() => document.querySelector('[data-pairing-code]')?.getAttribute('data-pairing-code'), [], { what: 'the answer code' });
	if (!/^[0-9A-Z]{100,260}$/.test(answer)) fail(`unexpected answer code ${answer}`);
	await inviter.click('L’autre tablette montre sa réponse : la scanner');
	await inviter.fill('Ou tapez le code', answer);
	await inviter.click('Valider le code');
	await inviter.expectText('Tablette reliée. Les contributions', { timeout: 30_000 });
	await joiner.waitFor(() => document.querySelector('[data-join-confirm]') !== null, [], { what: 'the join confirmation', timeout: 30_000 });
	await joiner.expectText(title);
	await joiner.click('Rejoindre cette séance');
	await joiner.expectUrl(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
}

const hidden = (n: number) => (n === 1 ? '1 note des autres, cachée jusqu’au dévoilement' : `${n} notes des autres, cachées jusqu’au dévoilement`);

/**
 * No camera, no server: a Firefox tablet links a second Firefox process, then a Chromium tablet,
 * by typed codes; a note written on each arrives on the others (silent writing: it shows as
 * "N notes des autres, cachées"). One session for the three keeps the run short.
 */
export const pairingSteps: FlowStep[] = [
	{
		name: 'pairing by typed codes: Firefox ↔ a second Firefox process ↔ Chromium, notes crossing every way',
		async run(ctx) {
			const a = await ctx.device.newPage();
			const [b, c] = await Promise.all([ctx.launch('same').then((d) => d.newPage()), ctx.launch('chromium').then((d) => d.newPage())]);
			await Promise.all([setDeviceName(a, 'Tablette A'), setDeviceName(b, 'Station B'), setDeviceName(c, 'Station C')]);
			const title = 'Atelier Firefox et Chromium';
			const id = await createSession(a, title);
			await linkByTypedCodes(a, b, id, title);
			await linkByTypedCodes(a, c, id, title);
			await navigate(a, `/activity?id=${id}&activity=${WRITE}`);
			for (const p of [b, c]) await navigate(p, `/activity?id=${id}&activity=${WRITE}`);
			for (const p of [a, b, c]) await p.click('J’accepte de participer');
			await addNote(a, 'Écrite dans Firefox A');
			await Promise.all([b.expectText(hidden(1), { timeout: 30_000 }), c.expectText(hidden(1), { timeout: 30_000 })]);
			await addNote(c, 'Écrite dans Chromium C');
			await Promise.all([a.expectText(hidden(1), { timeout: 30_000 }), b.expectText(hidden(2), { timeout: 30_000 })]);
			await addNote(b, 'Écrite dans Firefox B');
			await Promise.all([a.expectText(hidden(2), { timeout: 30_000 }), c.expectText(hidden(2), { timeout: 30_000 })]);
		}
	}
];

declare const $tablee: PageHelpers;
