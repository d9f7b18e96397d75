import type { UserConfig } from 'vitest/config';

export function packageTests(overrides?: UserConfig): UserConfig;
export function nestTests(overrides?: UserConfig): UserConfig;
