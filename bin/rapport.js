#!/usr/bin/env node
// The server bundled into one file by `npm run build` (scripts/build-if-changed.mjs).
import '../dist/bundle/rapport.js';
