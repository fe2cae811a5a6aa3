// Removes dist/ before a build so a renamed or deleted source file never
// survives as a stale compiled module (see STACK.md gotcha 6).
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
