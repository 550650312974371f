#!/usr/bin/env node
// The command-line entry point: runs the compiled CLI from the checkout (npm run build makes dist/).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
