#!/usr/bin/env node
// The kumo-testkit command. Built output lives in dist/ (`pnpm build`).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
