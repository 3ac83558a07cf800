import type { FlowStep } from './flows';
export const deviceReportSteps: FlowStep[] = [];
