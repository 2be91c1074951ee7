// Builds the intake service package (server/): tsc compiles server/ and the parts of the core it
// uses (the ticket schema, the severity policy) into server/dist/, so the package carries all it
// runs; the admin stylesheet is copied beside its module.
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'server');
rmSync(join(server, 'dist'), { recursive: true, force: true });
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(server, 'tsconfig.build.json')]);
cpSync(join(server, 'admin', 'admin.css'), join(server, 'dist', 'server', 'admin', 'admin.css'));
