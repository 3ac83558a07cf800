/** Reading QR codes from camera frames, and telling the person how to hold the tablet. */
export { halve, codeSide } from './frame';
export type { RgbaFrame, Point, QrSighting, QrEngine } from './frame';
export { decodeFrame, sharpen } from './qr-decode';
export { lookAtFrame } from './frame-look';
export type { FrameLook } from './frame-look';
export { scanHint, HintPacer, HINT_HOLD_MS, HINT_LIMITS } from './scan-hints';
export type { ScanHint } from './scan-hints';
export { createZxingEngine } from './zxing-engine';
export type { WasmSource } from './zxing-engine';
export { createJsqrEngine } from './jsqr-engine';
