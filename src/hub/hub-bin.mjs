#!/usr/bin/env node
// The package's `tablee-hub` bin: registers tsx's loader, then runs the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./hub-cli.ts');
