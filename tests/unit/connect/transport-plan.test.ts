import { describe, expect, it } from 'vitest';
import { noNetworkReason, planTransports } from '$lib/connect/transport-plan';

const secureHttps = { subtle: true, pageProtocol: 'https:' };
const secureHttp = { subtle: true, pageProtocol: 'http:' }; // localhost
const insecureHttp = { subtle: false, pageProtocol: 'http:' }; // a LAN address

describe('planTransports: one decision for every screen', () => {
	it('no address: tabs only, and WebRTC says there is no signaling address', () => {
		const plan = planTransports([], secureHttps);
		expect(plan).toMatchObject({ hubUrl: null, useHub: false, hubProblem: null, webrtc: null });
		expect(plan.webrtcProblem?.key).toBe('sync.error.noSignaling');
		expect(noNetworkReason(plan, secureHttps)?.key).toBe('sync.error.noSignaling');
	});

	it('a hub address on a plain-http LAN page: the hub is used, WebRTC is not (no WebCrypto)', () => {
		const plan = planTransports(['ws://192.168.1.10:8080/signaling'], insecureHttp);
		expect(plan.hubOrigin).toBe('http://192.168.1.10:8080');
		expect(plan.hubUrl).toBe('ws://192.168.1.10:8080/sync');
		expect(plan.useHub).toBe(true);
		expect(plan.webrtc).toBeNull();
		expect(plan.webrtcProblem?.key).toBe('sync.error.insecureContext');
		// The hub was usable: finding nobody was not the network's fault.
		expect(noNetworkReason(plan, insecureHttp)).toBeNull();
	});

	it('a hub address on a secure page served over http (localhost): hub and WebRTC both', () => {
		const plan = planTransports(['ws://127.0.0.1:8080/signaling'], secureHttp);
		expect(plan.useHub).toBe(true);
		expect(plan.webrtc).toEqual(['ws://127.0.0.1:8080/signaling']);
		expect(plan.webrtcProblem).toBeNull();
	});

	it('an https page cannot open a ws:// hub on the LAN: the hub is named as the problem, not used', () => {
		const plan = planTransports(['ws://192.168.1.10:8080/signaling'], secureHttps);
		expect(plan.hubUrl).toBe('ws://192.168.1.10:8080/sync');
		expect(plan.useHub).toBe(false);
		expect(plan.hubProblem?.key).toBe('sync.error.mixedContent');
		expect(plan.webrtcProblem?.key).toBe('sync.error.mixedContent');
		expect(noNetworkReason(plan, secureHttps)?.key).toBe('sync.error.mixedContent');
	});

	it('a signaling server that is not a hub, on an insecure page: nothing but tabs, and the page is the reason', () => {
		const plan = planTransports(['wss://signal.example.org'], insecureHttp);
		expect(plan.hubUrl).toBeNull();
		expect(plan.useHub).toBe(false);
		expect(plan.webrtc).toBeNull();
		expect(noNetworkReason(plan, insecureHttp)?.key).toBe('sync.error.insecureContext');
	});

	it('a secure page with a plain signaling server: WebRTC with exactly those addresses', () => {
		const urls = ['wss://signal.example.org', 'wss://backup.example.org'];
		const plan = planTransports(urls, secureHttps);
		expect(plan.useHub).toBe(false);
		expect(plan.webrtc).toEqual(urls);
		expect(noNetworkReason(plan, secureHttps)).toBeNull();
	});
});
