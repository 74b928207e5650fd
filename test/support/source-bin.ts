// Node arguments that run the kapacitord and kapacitor binaries from the TypeScript sources, the
// way bin/*.js run the compiled build: `spawn(process.execPath, [...KAPACITORD, ...args])`.
import { fileURLToPath } from 'node:url';

export const KAPACITORD: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('./bin/kapacitord.ts', import.meta.url))];
export const KAPACITOR: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('./bin/kapacitor.ts', import.meta.url))];
