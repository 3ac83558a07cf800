export { CHECK_IDS, CHECK_STATUSES, countStatuses, emptyChecks, reportFileName } from './report-model';
export type { CheckId, CheckResult, CheckStatus, DeviceReport } from './report-model';
export { decodeReport, encodeReport, REPORT_CODE_HEADER } from './report-code';
export type { DecodedReport, DecodeResult } from './report-code';
export { parseUserAgent } from './user-agent';
export type { EngineFamily, UserAgentInfo } from './user-agent';
export { collectDeviceReport, testCamera } from './collect';
export type { CollectOptions, SelfTestOutcome } from './collect';
