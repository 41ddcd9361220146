/** Runs every benchmark in turn: `npm run bench` (build the renderer first: npm run build:renderer). */
await import('./import.ts');
await import('./open-edition.ts');
