import type { TestProject } from 'vitest/node';
import { type MotoServer, startMotoServer } from '../sandbox/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    motoUrl: string;
  }
}

let moto: MotoServer | undefined;

/** One moto_server for the whole test run; stopped by its PID at the end. */
export async function setup(project: TestProject): Promise<void> {
  moto = await startMotoServer();
  project.provide('motoUrl', moto.url);
}

export async function teardown(): Promise<void> {
  await moto?.stop();
}
