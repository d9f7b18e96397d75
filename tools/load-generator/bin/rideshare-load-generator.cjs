#!/usr/bin/env node
'use strict';
// A stable file for the bin link, which pnpm creates before dist/ is built.
require('../dist/main.js');
